"""A commented bid template for one province, for `woonbod init`."""

from __future__ import annotations

import os
from pathlib import Path

from woonbod.i18n import _
from woonbod.model.provinces import find_province, province_names, suggest_province
from woonbod.problems import CannotRun

SCHEMA_FILE = Path("schema") / "bod.schema.json"

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Woningbouwbod van {name}. Vul in wat bekend is; laat onbekend op null (niets invullen of gokken).
# Getallen zonder punten of komma's: 12000, niet 12.000. Aandelen tussen aanhalingstekens: "30%" of "2/3".
# Controleren: woonbod validate {target}
provincie: {name}
ronde: {ronde}             # indicatief of definitief
ingediend: null           # datum van indienen (2022-09-29); onbekend: ingediend, datum niet bekend
periode: 2022-2030        # jaren, inclusief
totaal: null              # bruto aantal nieuwe woningen in de periode (bruto woningbouwrealisatie)
segmenten:                # elk een aantal, "30%" / "2/3" van totaal, of null als onbekend;
                          # bij benadering ("ongeveer", "bijna"): {{ca: 11000}} of {{ca: "2/3"}}
  sociale_huur: null      # huur tot de liberalisatiegrens
  middenhuur: null        # huur van de liberalisatiegrens tot EUR 1.000 per maand (2022)
  betaalbare_koop: null   # koop tot de NHG-grens (2022: EUR 355.000)
  middensegment: null     # = middenhuur + betaalbare_koop; alleen als alleen de som bekend is
  betaalbaar: null        # = sociale_huur + middensegment; alleen als alleen de som bekend is
corporaties: null         # woningen door woningcorporaties: aantal of aandeel van totaal
knelpunten: []            # bv.: - {{soort: stikstof, rijksrol: true, woningen: 5000, toelichting: ...}}
                          # woningen: op het spel; extra_woningen: extra aangeboden als het wordt opgelost
                          # soorten: onrendabele_toppen, capaciteit_gemeenten, bereikbaarheid, stikstof,
                          #          netcongestie, bouwcapaciteit, financiering, overig
onderwerpen:              # een aantal woningen, of uitstel: {{uitgesteld_tot: 2023-06-30, toelichting: ...}}
  transformatie: null
  seniorenwoningen: null
  flexwoningen: null
  aandachtsgroepen: null
contact: {{naam: null, email: null}}
bronnen: []               # - {{url: https://..., over: [totaal, segmenten.sociale_huur]}}
toelichting: null
"""


def schema_location(output: Path | None) -> Path:
    """The schema file the template's first line names: schema/bod.schema.json in the first
    folder up from the new file that has one, else at the root of its git repository (where
    `woonbod schema --output schema/bod.schema.json` puts it), else in the current folder
    (or the file's own folder when it lies outside it). Never the copy inside the installed
    package: that path is wrong for every colleague and breaks when the venv is rebuilt."""
    start = (output.parent if output is not None else Path()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / SCHEMA_FILE
        if candidate.is_file() or (folder / ".git").exists():
            return candidate
    here = Path.cwd().resolve()
    root = here if start == here or here in start.parents else start
    return root / SCHEMA_FILE


def schema_reference(output: Path | None) -> str:
    """The schema file as the editor's YAML language server reads it: relative to the new file."""
    start = (output.parent if output is not None else Path()).resolve()
    return Path(os.path.relpath(schema_location(output), start)).as_posix()


def render_template(province_text: str, ronde: str, output: Path | None) -> str:
    """The template text for a province; CannotRun if the province does not exist."""
    province = find_province(province_text)
    if province is None:
        close = suggest_province(province_text)
        if close:
            message = _("'{text}' is not a Dutch province. Did you mean {close}? The provinces: {provinces}")
        else:
            message = _("'{text}' is not a Dutch province. The provinces: {provinces}")
        raise CannotRun(message.format(text=province_text, close=close, provinces=province_names()))
    target = output if output is not None else Path(f"{province.slug}.yaml")
    return TEMPLATE.format(schema=schema_reference(output), name=province.name, ronde=ronde, target=target)
