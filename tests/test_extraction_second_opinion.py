"""Merging trafilatura's body with readability's, and the page-aware line filters."""

from __future__ import annotations

import lxml.html

from crawler.extraction import extract_article
from crawler.extraction.body_filters import (
    anchor_keys,
    drop_headline_repeat,
    drop_link_lines,
    link_keys,
)
from crawler.extraction.second_opinion import (
    block_text,
    doubtful,
    line_keys_of,
    merge_bodies,
    readability_opinion,
    readability_text,
)

P1 = ("The council voted five to two on Tuesday night to approve a budget that raises spending "
      "on road repairs and public libraries while trimming the parks department by a fifth.")
P2 = ("Opponents argued that the cuts to the parks department would fall hardest on families "
      "in the eastern districts, where public pools are the only affordable summer option.")
P3 = ("The library system will extend its weekend hours at four branches and hire eleven "
      "additional staff members, according to a summary released by the mayor's office today.")
LONG_EXTRA = ("Residents who spoke during the public comment period were divided, several thanked "
              "the council for finally addressing the roads while others warned that deferred "
              "maintenance at the parks would cost the city far more in the long run, and a few "
              "asked for a second public hearing before the mayor signs it.")


def test_short_line_only_one_extractor_saw_is_dropped() -> None:
    merged = merge_bodies(f"{P1}\nRead more: Five things to do this weekend\n{P2}", f"{P1}\n{P2}")
    assert merged == f"{P1}\n{P2}"


def test_short_line_both_saw_is_kept() -> None:
    merged = merge_bodies(f"{P1}\nA short subheading\n{P2}", f"{P1}\nA short subheading\n{P2}")
    assert merged is not None and "A short subheading" in merged


def test_long_primary_only_line_is_kept() -> None:
    merged = merge_bodies(f"{P1}\n{LONG_EXTRA}\n{P2}", f"{P1}\n{P2}")
    assert merged is not None and LONG_EXTRA in merged


def test_long_second_only_line_is_inserted_in_place() -> None:
    merged = merge_bodies(f"{P1}\n{P2}\n{P3}", f"{P1}\n{P2}\n{LONG_EXTRA}\n{P3}")
    assert merged == f"{P1}\n{P2}\n{LONG_EXTRA}\n{P3}"


def test_disagreeing_second_opinion_is_ignored() -> None:
    other = "\n".join([LONG_EXTRA.replace("council", "board")] * 3)
    primary = f"{P1}\nShort line here\n{P2}"
    assert merge_bodies(primary, other) == primary


def test_table_rows_are_supported_across_line_breaks() -> None:
    row = "| 1 | Kyle Bash | 5040 | 5 |"
    merged = merge_bodies(f"{P1}\n{row}\n{P2}", f"{P1}\n1\nKyle Bash\n5040\n5\n{P2}")
    assert merged is not None and row in merged


def test_known_content_lines_are_kept() -> None:
    quote = "Record summer at the port | thanks to everyone"  # not sentence-shaped
    keep = frozenset({"Record summer at the port thanks to everyone"})
    assert quote in (merge_bodies(f"{P1}\n{quote}\n{P2}", f"{P1}\n{P2}", keep) or "")
    assert quote not in (merge_bodies(f"{P1}\n{quote}\n{P2}", f"{P1}\n{P2}") or "")


def test_missing_opinions() -> None:
    assert merge_bodies(None, P1) == P1
    assert merge_bodies(P1, "") == P1
    assert merge_bodies(None, None) is None


def test_block_text_breaks_blocks_not_cells() -> None:
    el = lxml.html.fragment_fromstring(
        "<div><p>One <b>bold</b> line</p><table><tr><td>a</td><td>b</td></tr></table>"
        "<ul><li>x</li><li>y</li></ul></div>"
    )
    assert block_text(el) == "One bold line\nab\nx\ny"


def test_readability_text_finds_the_main_block() -> None:
    tree = lxml.html.document_fromstring(
        f"<html><body><div class='nav'><a href='/'>Home</a></div>"
        f"<div class='story'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
    )
    text = readability_text(tree)
    assert P1 in text and P3 in text and "Home" not in text
    assert tree.find(".//div") is not None  # the caller's tree is untouched by default


def test_second_only_subheading_among_paragraphs_is_inserted() -> None:
    second = f"{P1}\nWhat the budget buys\n{P2}\nMore from the city\n{P3}"
    placed = frozenset({"What the budget buys"})
    merged = merge_bodies(f"{P1}\n{P2}\n{P3}", second, placed=placed) or ""
    assert merged.split("\n") == [P1, "What the budget buys", P2, P3]
    # not placed among paragraphs, or outside the shared lines: no evidence, not inserted
    assert merge_bodies(f"{P1}\n{P2}\n{P3}", second) == f"{P1}\n{P2}\n{P3}"
    tail = merge_bodies(f"{P1}\n{P2}", f"{P1}\n{P2}\nWhat the budget buys", placed=placed)
    assert tail == f"{P1}\n{P2}"


def test_lead_under_its_own_subheading_above_a_long_primary_line_stays() -> None:
    # a structured abstract: only the primary has it; its long paragraph stands on its own,
    # the shorter first one above it is its lead, under a subheading
    lead = "The purpose of this review is to summarise what the city spends on its roads."
    story = f"{P1}\n{P2}\n{P3}\n{P1.replace('council', 'board')}"
    primary = f"Purpose\n{lead}\nFindings\n{LONG_EXTRA}\nSign in to read more\n{story}"
    headings = line_keys_of(["Purpose", "Findings"])
    merged = (merge_bodies(primary, story, headings=headings) or "").split("\n")
    assert lead in merged and LONG_EXTRA in merged
    assert "Sign in to read more" not in merged and "Purpose" not in merged
    # without the long line the story starts at P1: the sentence above it is no lead of it
    # once a label stands between them
    merged = merge_bodies(f"{lead}\nSign in to read more\n{story}", story)
    assert lead not in (merged or "")


def test_a_section_numbered_on_from_the_story_stays_after_it() -> None:
    story = f"1 Roads\n{P1}\n2 Parks\n{P2}\n{P3}"
    refs = "3 Sources\n- City budget, 2024 edition.\nCouncil minutes"
    headings = line_keys_of(["1 Roads", "2 Parks", "3 Sources", "Related stories"])
    merged = merge_bodies(f"{story}\n{refs}\nRelated stories\n- Parks close early",
                          f"{P1}\n{P2}\n{P3}", headings=headings) or ""
    assert merged.endswith(f"{P3}\n{refs}")
    # a numbered heading that does not carry on the story's numbering opens no section
    odd = merge_bodies(f"{story}\n7 Sources\n- City budget, 2024 edition.",
                       f"{P1}\n{P2}\n{P3}", headings=headings | line_keys_of(["7 Sources"]))
    assert odd is not None and "City budget" not in odd


def test_numbered_steps_in_sequence_stay_between_story_lines() -> None:
    # readability left out the step headings; their numbering says they are the story's own
    primary = f"1. Fix the roads\n{P1}\n2. Keep the pools\n{P2}\n3) Open longer\n{P3}"
    merged = merge_bodies(primary, f"1. Fix the roads\n{P1}\n{P2}\n{P3}") or ""
    assert merged == primary
    # one numbered label with no neighbour one apart is no step of a sequence
    lone = merge_bodies(f"{P1}\n5. Most read\n{P2}\n{P3}", f"{P1}\n{P2}\n{P3}") or ""
    assert "Most read" not in lone


def test_key_points_under_the_headline_open_the_story() -> None:
    points = ["- Roads get a fifth more money this year",
              "- Four library branches open on weekends"]
    headings = line_keys_of(["Council approves budget"])
    primary = "\n".join(["Council approves budget", *points, P1, P2, P3])
    merged = merge_bodies(primary, f"{P1}\n{P2}\n{P3}", headings=headings) or ""
    assert merged == "\n".join([*points, P1, P2, P3])
    # a list above the story with page chrome above it is a menu or a teaser list
    menu = merge_bodies("\n".join(["Home", *points, P1, P2, P3]), f"{P1}\n{P2}\n{P3}",
                        headings=headings) or ""
    assert not any(p in menu for p in points)
    # one item alone is no list of key points
    one = merge_bodies("\n".join(["Council approves budget", points[0], P1, P2, P3]),
                       f"{P1}\n{P2}\n{P3}", headings=headings) or ""
    assert points[0] not in one


def test_readability_opinion_names_the_lines_set_among_paragraphs() -> None:
    tree = lxml.html.document_fromstring(
        f"<html><body><div class='story'><p>{P1}</p><h2>Where the money goes</h2>"
        f"<p>{P2}</p><p>{P3}</p></div></body></html>"
    )
    text, placed = readability_opinion(tree)
    assert "Where the money goes" in text and placed == {"Where the money goes"}


def test_headline_repeat_is_dropped_only_at_the_top() -> None:
    body = f"Council approves budget\n{P1}\nCouncil approves budget"
    assert drop_headline_repeat(body, ["Council approves budget!", None]) == (
        f"{P1}\nCouncil approves budget"
    )


def test_whole_link_lines_are_dropped_but_urls_and_prose_stay() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><a href='/x'>Five things to do this weekend</a>"
        "<a href='http://t.co/abc'>http://t.co/abc</a><p>A <a href='/y'>linked phrase</a>"
        "</p></body></html>"
    )
    links = link_keys(tree)
    body = (f"{P1}\nFive things to do this weekend\nhttp://t.co/abc\n"
            f"A linked phrase in a sentence\n{P2}")
    assert drop_link_lines(body, links) == (
        f"{P1}\nhttp://t.co/abc\nA linked phrase in a sentence\n{P2}"
    )


def test_list_items_linking_to_other_sites_are_story() -> None:
    url = "https://news.example.com/deals/week-12"
    tree = lxml.html.document_fromstring(
        "<html><body><ul><li><a href='https://shop.acme-tools.test/p/1'>Cordless drill with two "
        "batteries</a></li><li><a href='//garden.nordwind.test/x'>Garden hose thirty metres</a>"
        "</li><li><a href='https://twitter.com/news'>Twitter</a></li>"
        "<li><a href='https://www.example.com/more'>More deals from our team</a></li>"
        "<li><a href='/related'>Five things to do this weekend</a></li>"
        "<li><a href='http://[ccpa-preferences]/'>Your privacy choices here</a></li></ul>"
        "</body></html>"
    )
    links = link_keys(tree) - anchor_keys(tree, url)
    items = ["- Cordless drill with two batteries", "- Garden hose thirty metres"]
    chrome = ["- Twitter", "- More deals from our team", "- Five things to do this weekend",
              "- Your privacy choices here"]
    body = "\n".join([P1, *items, *chrome, P2])
    assert drop_link_lines(body, links) == "\n".join([P1, *items, P2])


def test_a_link_the_page_description_quotes_is_story() -> None:
    # a link post: the linked piece's headline alone in a paragraph, quoted by the summary
    tree = lxml.html.document_fromstring(
        "<html><head><meta property='og:description' content='A cartoonist answers his "
        "critics. The generation we love to dump on, and why. Ischgl'></head><body>"
        "<p><a href='https://elsewhere.example/a'>The generation we love to dump on</a></p>"
        "<a href='/r'>Five things to do this weekend</a><a href='/i'>Ischgl</a></body></html>"
    )
    body = (f"{P1}\nThe generation we love to dump on\nFive things to do this weekend\n"
            f"Ischgl\n{P2}")
    # a related link the summary does not quote goes; so does a quoted name (too short)
    assert drop_link_lines(body, link_keys(tree)) == (
        f"{P1}\nThe generation we love to dump on\n{P2}"
    )


def test_html_comment_inside_a_paragraph_does_not_cut_it() -> None:
    paragraphs = "".join(
        f"<p>{p} <!-- ad slot --> and the sentence goes on after the comment.</p>"
        for p in (P1, P2, P3)
    )
    html = f"<html><body><article><h1>Budget</h1>{paragraphs}</article></body></html>"
    article = extract_article(html, "https://x.example/2024/01/02/budget-vote-story").article
    assert article is not None and article.articleBody
    assert article.articleBody.count("and the sentence goes on after the comment.") == 3


def test_lead_in_before_a_link_does_not_save_the_line() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><p>READ MORE: <a href='/x'>Storm closes the harbour bridge</a></p>"
        "<p>The mayor said: <a href='/y'>budget</a> talks resume.</p></body></html>"
    )
    body = (f"{P1}\nREAD MORE: Storm closes the harbour bridge\n"
            f"The mayor said: budget talks resume.\n{P2}")
    assert drop_link_lines(body, link_keys(tree)) == (
        f"{P1}\nThe mayor said: budget talks resume.\n{P2}"
    )


def test_short_sentence_and_list_items_between_story_paragraphs_are_kept() -> None:
    lines = ["It was the first vote in a decade.", "- two new branches", "- longer hours"]
    primary = "\n".join([P1, *lines, P2, "Read more: Five things to do"])
    merged = merge_bodies(primary, f"{P1}\n{P2}")
    assert merged == "\n".join([P1, *lines, P2])


def test_partial_second_opinion_does_not_cut_the_rest() -> None:
    # readability holds one paragraph of five: no evidence against the short lines around it
    p4 = "Council members said they would revisit the parks budget in the autumn session."
    p5 = "The mayor is expected to sign the budget within the week, her office said."
    primary = "\n".join(["Budget at a glance", P1, "Roads first", P2, p4, "Parks", p5])
    merged = merge_bodies(primary, P1)
    assert merged is not None and "Roads first" in merged and "Parks" in merged


def test_doubtful_primary_asks_for_the_fallback() -> None:
    other = "\n".join([LONG_EXTRA.replace("council", "board")] * 3)
    assert doubtful(P1, other, ())  # different blocks
    assert doubtful(P1, f"{P1}\n{P2}\n{P3}\n{LONG_EXTRA}", ())  # a teaser of the story
    assert not doubtful(f"{P1}\n{P2}", f"{P1}\n{P2}", ())
    # ... unless the primary opens with the headline and the other does not
    assert not doubtful(f"Budget approved\n{P1}", other, ("Budget approved",))
    # ... and that holds only while the other is not many times longer (a summary box that
    # repeats the headline above the story)
    story = "\n".join([P1, P2, P3, LONG_EXTRA] * 3)
    assert doubtful(f"Budget approved\n{P1[:120]}", story, ("Budget approved",))


LEAD = ("The city will spend more on roads and libraries next year, after a long night of "
        "debate at the town hall.")


def test_standfirst_before_the_story_is_kept() -> None:
    # readability starts at the story's first paragraph: the lead above it is no chrome
    merged = merge_bodies(f"{LEAD}\n{P1}\n{P2}", f"{P1}\n{P2}")
    assert merged == f"{LEAD}\n{P1}\n{P2}"


def test_headline_shaped_lead_or_dek_is_not_kept() -> None:
    kicker = "City budget passes after a long night of debate at the town hall on roads"
    assert merge_bodies(f"{kicker}\n{P1}\n{P2}", f"{P1}\n{P2}") == f"{P1}\n{P2}"
    # a sentence lead set as a heading element is still the story's lead ...
    heading = line_keys_of([LEAD])
    assert (merge_bodies(f"{LEAD}\n{P1}\n{P2}", f"{P1}\n{P2}", headings=heading)
            == f"{LEAD}\n{P1}\n{P2}")
    # ... but a heading in the page header is its dek, outside the story's text
    assert (merge_bodies(f"{LEAD}\n{P1}\n{P2}", f"{P1}\n{P2}", headings=heading, deks=heading)
            == f"{P1}\n{P2}")
    # a paragraph there (no heading) still opens the story
    assert (merge_bodies(f"{LEAD}\n{P1}\n{P2}", f"{P1}\n{P2}", deks=heading)
            == f"{LEAD}\n{P1}\n{P2}")


def test_heading_standfirst_under_the_headline_is_kept_without_a_full_stop() -> None:
    headline = "Storm closes the harbour bridge"
    dek = ("Twice this winter the wind shut the crossing for a day, and the port authority "
           "now wants a barrier built before the next season")
    headings = line_keys_of([headline, dek])
    primary = f"{headline}\n{dek}\n{P1}\n{P2}"
    assert merge_bodies(primary, f"{P1}\n{P2}", headings=headings) == f"{dek}\n{P1}\n{P2}"
    # the same line as the first heading (no headline above it) is headline-shaped: dropped
    assert merge_bodies(f"{dek}\n{P1}\n{P2}", f"{P1}\n{P2}", headings=headings) == (
        f"{P1}\n{P2}")
    # ... and under a heading, a kicker of few words is still no standfirst
    kicker = "Harbour news in brief"
    assert merge_bodies(f"{headline}\n{kicker}\n{P1}\n{P2}", f"{P1}\n{P2}",
                        headings=line_keys_of([headline, kicker])) == f"{P1}\n{P2}"


def test_title_case_heading_under_a_heading_is_no_standfirst() -> None:
    # on a page of several stories, a heading under a heading is the next story's headline
    headline = "Storm closes the harbour bridge"
    other = "New Ferry Timetable Expected in First Half of Next Year Across Harbour Bay Area"
    primary = f"{headline}\n{other}\n{P1}\n{P2}"
    assert merge_bodies(primary, f"{P1}\n{P2}", headings=line_keys_of([headline, other])) == (
        f"{P1}\n{P2}")
    # German capitalises nouns: a sentence-case standfirst there is still one
    dek = ("Zweimal hat der Sturm in diesem Winter die Brücke am Hafen gesperrt, und die "
           "Behörde will nun eine Mauer bauen")
    primary = f"{headline}\n{dek}\n{P1}\n{P2}"
    assert merge_bodies(primary, f"{P1}\n{P2}", headings=line_keys_of([headline, dek])) == (
        f"{dek}\n{P1}\n{P2}")


def test_second_opinion_standfirst_is_placed_before_the_story() -> None:
    # readability kept the lead trafilatura missed: it goes before the story's first line,
    # not above the primary's leftovers
    merged = merge_bodies(f"{P1}\n{P2}", f"{LEAD}\n{P1}\n{P2}")
    assert merged == f"{LEAD}\n{P1}\n{P2}"
    # German and Spanish leads, the same shape
    de = ("Die Stadt gibt im kommenden Jahr mehr Geld für Straßen und Bibliotheken aus, nach "
          "einer langen Nacht im Rathaus.")
    es = ("La ciudad gastará más en carreteras y bibliotecas el próximo año, tras una larga "
          "noche de debate en el ayuntamiento.")
    for lead in (de, es):
        assert merge_bodies(f"{P1}\n{P2}", f"{lead}\n{P1}\n{P2}") == f"{lead}\n{P1}\n{P2}"
    # a label, a short appeal or the page header's dek is no lead
    for line in ("Jetzt Produkttester werden und gewinnen!", "Lesen Sie auch:"):
        assert merge_bodies(f"{P1}\n{P2}", f"{line}\n{P1}\n{P2}") == f"{P1}\n{P2}"
    assert merge_bodies(f"{P1}\n{P2}", f"{LEAD}\n{P1}\n{P2}",
                        deks=line_keys_of([LEAD])) == f"{P1}\n{P2}"


def test_table_rows_between_story_lines_are_kept() -> None:
    # readability drops tables; rows inside the story are content, however short
    rows = "| Produkt | 2020 | 2021 |\n| Diesel | 32,2 Mio. t | 32,3 Mio. t |"
    merged = merge_bodies(f"{P1}\n{rows}\n{P2}", f"{P1}\n{P2}")
    assert merged == f"{P1}\n{rows}\n{P2}"
    # ... but not after the story's last line (a site's footer table)
    assert merge_bodies(f"{P1}\n{P2}\n| Impressum | Kontakt |", f"{P1}\n{P2}") == f"{P1}\n{P2}"


def test_subheadings_between_story_lines_are_kept() -> None:
    primary = f"{P1}\nWhat the parks lose\n{P2}\nRead more here now\n{P3}"
    merged = merge_bodies(primary, f"{P1}\n{P2}\n{P3}", headings=line_keys_of(
        ["What the parks lose"]))
    assert merged == f"{P1}\nWhat the parks lose\n{P2}\n{P3}"


def test_deks_are_read_from_the_page_header_and_dek_classes() -> None:
    from crawler.extraction.article import dek_elements
    from crawler.extraction.second_opinion import line_keys

    tree = lxml.html.fromstring(
        "<html><body><header><h1>Budget approved</h1><h2>The city spends more on roads.</h2>"
        "</header><article><p class='article-dek'>Un résumé de l'histoire en une phrase.</p>"
        "<p class='desk'>Die Redaktion meldet sich aus dem Rathaus.</p>"
        "<p class='dekoration'>Das Rathaus ist geschmückt.</p>"
        "<p>The council voted on Tuesday.</p></article></body></html>")
    keys = line_keys(dek_elements(tree))
    assert "The city spends more on roads" in keys
    assert "Un résumé de l histoire en une phrase" in keys
    assert not any("Redaktion" in k or "council" in k or "Rathaus" in k for k in keys)


def test_menu_like_primary_asks_for_the_fallback() -> None:
    from crawler.extraction.second_opinion import menu_like

    menu = "\n".join(["Rezepte", "Kategorien", "Alle Rezepte", "Magazin", "Küchentipps",
                      "Accueil", "Actualités", "Contacto", "Noticias", "Login", "Suche"])
    page = f"{menu}\n{P1}"
    assert menu_like(page)
    # the two agree on the story line, yet the primary is mostly a menu: in doubt
    assert doubtful(page, P1, ())
    # a story with a few short subheadings is no menu
    story = "\n".join([P1, "What the parks lose", P2, "Next steps", P3] * 2)
    assert not menu_like(story)
    assert not doubtful(story, story, ())
    assert not menu_like("Rezepte\nKategorien")  # too few lines to judge


def test_readability_leaves_out_hidden_nodes_only() -> None:
    para = ("The ferry timetable changes next month, the operator said, with two more "
            "crossings a day in summer and one fewer in winter for the island's residents.")
    html = ("<html><body><article>"
            f"<p>{para}</p>"
            "<p hidden>Hidden by attribute: a cookie notice.</p>"
            "<div style='color: red; DISPLAY : none'><p>Hidden by style: a login box.</p></div>"
            f"<p style='color: red'>Styled but shown. {para}</p>"
            f"<p>{para} Again, a third time.</p>"
            "</article></body></html>")
    text = readability_text(lxml.html.document_fromstring(html))
    assert "Styled but shown." in text and "a third time" in text
    assert "cookie notice" not in text and "login box" not in text


def test_teasers_are_both_bodies_far_below_the_pages_paragraphs() -> None:
    from crawler.extraction.second_opinion import teasers

    lead = f"{LEAD}\n{P1}"
    assert teasers(lead, P1, paragraphs=10 * len(lead))
    assert not teasers(lead, P1, paragraphs=2 * len(lead))  # the body is most of the page
    # readability found much more of the page: the ordinary disagreement test decides
    assert not teasers(lead, "\n".join([P1, P2, P3, LONG_EXTRA] * 3), paragraphs=6 * len(lead))


def test_a_longer_body_replaces_ours_only_when_it_holds_it() -> None:
    from crawler.extraction.second_opinion import extends

    assert extends(f"{LEAD}\n{P1}", f"{LEAD}\n{P1}\n{P2}\n{P3}")
    # another block of the page (comments, a listing) is longer but not our story
    other = "\n".join([LONG_EXTRA.replace("council", "board")] * 3)
    assert not extends(f"{LEAD}\n{P1}", other)
    assert extends(None, other) and not extends(P1, None)


def test_fast_body_lines_survive_the_merge_after_a_disagreement(monkeypatch) -> None:
    # readability read another block (a sidebar of other stories); trafilatura's fallback
    # holds both: the merge must not drop the story's short lines for lack of readability's
    # support, since readability's block is no evidence about them
    from crawler.extraction import article

    sidebar = "\n".join([LONG_EXTRA.replace("council", "board")] * 2)
    short = "City Budget Office, Annual Report 2024"  # a source line after the story
    page = (f"<html><body><article><p>{P1}</p><p>{P2}</p><p>{short}</p>"
            f"</article><aside><p>{sidebar}</p></aside></body></html>")
    monkeypatch.setattr(article, "readability_opinion",
                        lambda tree, copy=True: (sidebar, frozenset()))
    monkeypatch.setattr(article, "_fallback_body",
                        lambda tree, url, options: f"{P1}\n{P2}\n{short}\n{sidebar}")
    result = article.extract_article(page, "https://x.example/2024/01/02/budget-vote-story")
    assert result.article is not None and result.article.articleBody
    assert short in result.article.articleBody
