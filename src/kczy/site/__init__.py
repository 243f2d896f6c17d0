"""The websites: the public notice site and the committee's reading room.

`model` projects a round's files onto what the public may see (a whitelist, never a blacklist);
`public` and `reading` render plain Markdown pages and download files from that; `read` is the one
I/O edge that gathers a repository's rounds. The MkDocs hook (`scripts/mkdocs_hook.py`) only hands
the rendered pages to MkDocs.
"""
