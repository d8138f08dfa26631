"""The directive's procedures, by the law's nouns: complaints, offices, tariffs, tracking codes,
inspections, cases, decisions, appeals and settlement. No platform, flow or command imports here.
"""
