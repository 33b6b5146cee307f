"""Photo and image credits ("Photo: IStock", "Фото: РИА Новости", "Crédit photo : AFP",
"John Smith/Getty Images").

A credit is a short line: a credit word followed by a separator, or a line ending in an
agency name after a slash or pipe, or a bare agency line. "Photo opportunities were rare"
has no separator after "Photo" and stays.
"""

from __future__ import annotations

from crawler.cleaning.base import alternation, short_pattern_rule

CREDIT_WORDS = (
    r"photos?",
    r"photo credits?",
    r"photograph",
    r"image(?: credit)?",
    r"images",
    r"picture",
    r"pic",
    r"cover photo",
    r"main photo",
    r"header image",
    r"illustration",
    r"video",
    r"фото",
    r"фотография",
    r"фотографія",
    r"світлина",
    r"ілюстрація",
    r"иллюстрация",
    r"фото на обложке",
    r"фото з відкритих джерел",
    r"фото из открытых источников",
    r"foto",
    r"fotos",
    r"bild",
    r"bildquelle",
    r"titelbild",
    r"crédits? photos?",
    r"crédit",
    r"photo d'illustration",
    r"imagen",
    r"fotografía",
    r"crédito",
    r"fuente de la imagen",
    r"şəkil",
)
AGENCIES = (
    r"getty images(?: via afp)?",
    r"afp",
    r"reuters",
    r"ap(?: photo)?",
    r"epa(?:-efe)?",
    r"shutterstock",
    r"istock(?:photo)?",
    r"dpa",
    r"picture alliance",
    r"ria novosti",
    r"риа новости",
    r"тасс",
    r"tass",
    r"unian",
    r"униан",
    r"укрінформ",
    r"depositphotos",
    r"unsplash",
    r"pixabay",
    r"wikimedia commons",
    r"imago",
    r"anadolu(?: agency)?",
)

PHOTO_CREDIT = short_pattern_rule(
    160,
    alternation(CREDIT_WORDS) + r"\s*(?:[:©/|]|[—–]|-\s|by\s)\s*\S.*",
    r"\(?(?:photos?|images?|фото|foto) (?:by|von|de|par)\s+\S.*",
    r"(?:©|\(c\)|copyright\b)\s*\S.*",
    r"[^/|\n]{0,100}[/|]\s*" + alternation(AGENCIES) + r"\.?\)?",
    r"(?:source:\s*)?" + alternation(AGENCIES) + r"\.?",
)
"""A photo/image credit line."""
