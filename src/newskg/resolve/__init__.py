"""Mentions to entities: within one article (`article`), its conflicting figures (`conflicts`), and across
articles (`corpus`)."""
