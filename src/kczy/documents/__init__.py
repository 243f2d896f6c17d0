"""The notice (公示) and the announcement (公布) as official documents.

`content` builds each document's sentences and lists from a round's public data (pure, plain text);
the site's pages (`kczy.site.public`), the Word file (`docx`) and the PDF (`pdf`) all render that one
structure, each escaping for its own format.
"""
