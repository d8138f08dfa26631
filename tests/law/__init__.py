"""Cases of the law: each test names the article and clause it checks."""
