"""A commented bid template for one province, for `woonbod init`."""

from __future__ import annotations

import os
from pathlib import Path

from woonbod.i18n import N_, _
from woonbod.model.provinces import find_province, province_names, suggest_province
from woonbod.problems import CannotRun

SCHEMA_FILE = Path("schema") / "bod.schema.json"

# The template's comments follow the language; its keys are the format's and never change.
# Translators: a bid file for the province's civil servants; keep every key, value and {{…}}.
TEMPLATE = N_(
    "# yaml-language-server: $schema={schema}\n"
    "# Housing-construction bid of {name}. Fill in what is known; leave the unknown at null (fill in or guess nothing).\n"
    '# Numbers without dots or commas: 12000, not 12.000. Shares in quotes: "30%" or "2/3".\n'
    "# Check it: woonbod validate {target}\n"
    "provincie: {name}\n"
    "ronde: {ronde}             # indicatief or definitief\n"
    "ingediend: null           # date of submission (2022-09-29); onbekend: submitted, date not known\n"
    "periode: 2022-2030        # years, inclusive\n"
    "totaal: null              # gross number of new homes in the period (gross housing construction)\n"
    'segmenten:                # each a number, "30%" / "2/3" of totaal, or null when unknown;\n'
    '                          # approximate ("about", "almost"): {{ca: 11000}} or {{ca: "2/3"}}\n'
    "  sociale_huur: null      # rent up to the liberalisation limit\n"
    "  middenhuur: null        # rent from the liberalisation limit up to EUR 1,000 a month (2022)\n"
    "  betaalbare_koop: null   # purchase up to the NHG limit (2022: EUR 355,000)\n"
    "  middensegment: null     # = middenhuur + betaalbare_koop; only when only the sum is known\n"
    "  betaalbaar: null        # = sociale_huur + middensegment; only when only the sum is known\n"
    "corporaties: null         # homes built by housing corporations: a number or a share of totaal\n"
    "knelpunten: []            # e.g.: - {{soort: stikstof, rijksrol: true, woningen: 5000, toelichting: ...}}\n"
    "                          # woningen: at stake; extra_woningen: offered on top if it is solved\n"
    "                          # soorten: onrendabele_toppen, capaciteit_gemeenten, bereikbaarheid, stikstof,\n"
    "                          #          netcongestie, bouwcapaciteit, financiering, overig\n"
    "onderwerpen:              # a number of homes, or uitstel: {{uitgesteld_tot: 2023-06-30, toelichting: ...}}\n"
    "  transformatie: null\n"
    "  seniorenwoningen: null\n"
    "  flexwoningen: null\n"
    "  aandachtsgroepen: null\n"
    "contact: {{naam: null, email: null}}\n"
    "bronnen: []               # - {{url: https://..., over: [totaal, segmenten.sociale_huur]}}\n"
    "toelichting: null\n"
)


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
    return _(TEMPLATE).format(schema=schema_reference(output), name=province.name, ronde=ronde, target=target)
