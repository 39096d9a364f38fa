"""Files to articles: plain text, HTML (`html`: the article's text and metadata) and JSON Lines, read from the
paths the user named (`articles`)."""
