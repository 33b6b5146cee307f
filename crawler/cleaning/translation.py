"""Machine-translation notices, in any language ("The article has been automatically
translated … by Google Translate … and has not been edited.").

A line of at most 500 characters is a notice when it names automatic translation and
either a translation service or the absence of editing, or a service and the absence of
editing. A story sentence that merely mentions machine translation has neither.
"""

from __future__ import annotations

import re

from crawler.cleaning.base import FLAGS, alternation

MT_CUES = (
    r"automatic(?:ally)?[-\s]+translat\w*",
    r"machine[-\s]+translat\w*",
    r"auto-translat\w*",
    r"translated automatically",
    r"автоматически\w*",
    r"машинн\w+ перев\w+",
    r"автоматичн\w*",
    r"машинн\w+ переклад\w*",
    r"automatisch\w*",
    r"maschinell\w*",
    r"automatiquement",
    r"automáticamente",
    r"automatisch übersetzt",
    r"maschinell übersetzt",
    r"maschinelle übersetzung",
    r"traduit automatiquement",
    r"traduction automatique",
    r"traducido automáticamente",
    r"traducción automática",
    r"tradotto automaticamente",
    r"traduzione automatica",
    r"traduzido automaticamente",
    r"tradução automática",
    r"otomatik olarak çevril\w*",
    r"makine çevirisi",
    r"przetłumaczon\w+ automatycznie",
    r"tłumaczenie maszynowe",
    r"avtomatik olaraq",
    r"avtomatik tərcümə",
    r"maşın tərcüməsi",
)
SERVICE_CUES = (
    r"google translate",
    r"google перевод\w*",
    r"google переводчик\w*",
    r"deepl",
    r"yandex\.?translate",
    r"яндекс\.?переводчик\w*",
    r"bing translator",
    r"microsoft translator",
    r"gtranslate",
)
UNEDITED_CUES = (
    r"not (?:been )?edited",
    r"without (?:further |any )?(?:editing|edits|review)",
    r"unedited",
    r"без (?:дальнейшего |последующего )?редактирования",
    r"не редактировал\w*",
    r"без (?:подальшого |наступного )?редагування",
    r"не редагувал\w*",
    r"nicht (?:redigiert|bearbeitet|überarbeitet)",
    r"ohne (?:weitere )?(?:redaktionelle )?prüfung",
    r"sans (?:relecture|révision|modification)",
    r"non (?:relu|révisé)",
    r"sin (?:editar|revisión|edición)",
    r"no ha sido editad\w+",
    r"redaktə edilməmişdir",
    r"redaktə olunmamışdır",
    r"düzenlenmemiştir",
)
_MT = re.compile(alternation(MT_CUES), FLAGS)
_SERVICE = re.compile(alternation(SERVICE_CUES), FLAGS)
_UNEDITED = re.compile(alternation(UNEDITED_CUES), FLAGS)
_TRANSLAT = re.compile(r"translat|перев[оеі]д|переклад|übersetz|tradu|çevir|tłumacz|tərcümə", FLAGS)


def machine_translation(line: str) -> bool:
    """True for a notice that the text was machine-translated."""
    if len(line) > 500:
        return False
    service = _SERVICE.search(line) is not None
    unedited = _UNEDITED.search(line) is not None
    if not (service or unedited):  # every notice has one: skip the costliest search
        return False
    mt = _MT.search(line) is not None
    if mt and (service or unedited):
        return _TRANSLAT.search(line) is not None or service
    return service and unedited and _TRANSLAT.search(line) is not None
