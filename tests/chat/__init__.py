"""Conversations as a user meets them: an event in, the replies and the rows out."""
