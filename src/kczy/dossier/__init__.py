"""The committee's dossier (评审材料汇编): the applications of a round as PDF books, one per project type
and one for the whole round, for reading on a laptop, a tablet or on paper.

`model` gathers what a book holds from the round's files (pure, through `kczy.review`, the same
source as the reading room); `typeset` lays it out with Typst and inserts the attachments with pypdf.
"""

ORDER_NOTE = "各类型按评审细则的顺序排列，同一类型内按申报编号（文件名）的字母顺序排列。"
"""The order of the applications in every book, as its cover and `kczy dossier --help` state it."""
