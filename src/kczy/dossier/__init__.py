"""The committee's dossier (评审材料汇编): the applications of a round as PDF books, one per project type
and one for the whole round, for reading on a laptop, a tablet or on paper.

`model` gathers what a book holds from the round's files (pure, through `kczy.review`, the same
source as the reading room); `typeset` lays it out with Typst and inserts the attachments with pypdf.
The order of the applications in every book is the catalog's `dossier.order`, on its cover and in
`kczy dossier --help`. This package imports nothing, so that a child process laying out a book starts fast.
"""
