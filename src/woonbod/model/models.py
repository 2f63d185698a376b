"""The bid file and the round file, declared as Pydantic models (keys as in docs/format.md).

No ``from __future__ import annotations`` here, unlike the other modules: with it Pydantic would
evaluate every field's annotation from its text again when it builds the models, on every run.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StrictBool,
    Tag,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from woonbod.formatting import excerpt
from woonbod.i18n import _, ngettext
from woonbod.model.provinces import Province, find_province, province_names, suggest_province
from woonbod.model.quantities import (
    MAX_HOMES,
    Amount,
    BadValue,
    Count,
    Range,
    Share,
    parse_amount,
    parse_count,
    parse_share,
    shown,
)
from woonbod.model.vocabulary import ItemName, KnelpuntSoort, RondeSoort, TopicName
from woonbod.problems import Level

# JSON Schema fragments: what an editor shows and checks for the custom value types.
_COUNT_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": MAX_HOMES}
_SHARE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\s*(\d+([.,]\d+)?\s*%|\d+\s*/\s*\d+)\s*$",
    "examples": ["30%", "2/3"],
}
_RANGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"min": _COUNT_SCHEMA, "max": _COUNT_SCHEMA},
    "additionalProperties": False,
    "minProperties": 1,
}
_DATE_SCHEMA: dict[str, Any] = {"type": "string", "format": "date"}
_APPROX_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Bij benadering (ca.): een aantal of aandeel dat de bron als 'ongeveer' of 'bijna' geeft.",
    "properties": {"ca": {"anyOf": [_COUNT_SCHEMA, _SHARE_SCHEMA]}},
    "required": ["ca"],
    "additionalProperties": False,
}
_APPROX_COUNT_SCHEMA: dict[str, Any] = {**_APPROX_SCHEMA, "properties": {"ca": _COUNT_SCHEMA}}
# A bid submitted on a date that was never published: `ingediend: onbekend`.
DATE_UNKNOWN = "onbekend"
_SUBMITTED_SCHEMA: dict[str, Any] = {
    "anyOf": [
        _DATE_SCHEMA,
        {
            "const": DATE_UNKNOWN,
            "description": "Ingediend, maar de datum is niet bekend (niet gepubliceerd).",
        },
    ]
}
_CLOSED_SCHEMA: dict[str, Any] = {
    "anyOf": [
        _DATE_SCHEMA,
        {"type": "boolean", "description": "true: gesloten, datum niet bekend; false: open."},
    ]
}


def _parse_totaal(value: Any) -> Count | Range:
    amount = parse_amount(value, shares=False)
    assert not isinstance(amount, Share)
    return amount


def _parse_submitted(value: Any) -> dt.date | Literal["onbekend"]:
    if isinstance(value, str) and value.strip().lower() == DATE_UNKNOWN:
        return "onbekend"
    try:
        return _parse_date(value)
    except BadValue as error:
        raise BadValue(
            error.rule,
            error.message,
            # Translators: {hint} is the hint for a date, such as "write a date such as 2022-09-29".
            _("{hint}; or write `onbekend` if the bid was submitted on a date that is not known").format(
                hint=error.hint
            ),
        ) from None


def _parse_closed(value: Any) -> dt.date | bool:
    if isinstance(value, bool):
        return value
    try:
        return _parse_date(value)
    except BadValue as error:
        raise BadValue(
            error.rule,
            error.message,
            # Translators: {hint} is the hint for a date, such as "write a date such as 2022-09-29".
            _("{hint}; or write true if the closing date is not known").format(hint=error.hint),
        ) from None


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise BadValue(
            "invalid-date",
            _("{value} is not a date in the form YYYY-MM-DD").format(value=shown(value)),
            _("write a date such as 2022-09-29"),
        )
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadValue(
            "invalid-date",
            _("{value} is not a date that exists").format(value=value.strip()),
            _("check the day and the month (e.g. September has 30 days)"),
        ) from None


@dataclass(frozen=True, slots=True)
class Periode:
    """An inclusive span of years, such as 2022-2030, or a single year."""

    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"

    def within(self, other: "Periode") -> bool:
        return other.start <= self.start and self.end <= other.end


def parse_period(value: Any) -> Periode:
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else ""
    m = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", text)
    if not m:
        raise BadValue(
            "invalid-period",
            _("{value} is not a period of years").format(value=shown(value)),
            _("write a period such as 2022-2030, or a single year such as 2025"),
        )
    start, end = int(m.group(1)), int(m.group(2) or m.group(1))
    if start > end:
        raise BadValue(
            "invalid-period",
            _("the period {period} ends before it starts").format(period=text),
            _("write {period}").format(period=f"{end}-{start}"),
        )
    return Periode(start, end)


def _parse_province(value: Any) -> Province:
    if value is None:
        raise BadValue(
            "unknown-province",
            _("no province is given (the value is empty)"),
            _("write one of: {names} (or its code, such as NB)").format(names=province_names()),
        )
    province = find_province(value) if isinstance(value, str) and len(value) <= 40 else None
    if province is None:
        close = suggest_province(value) if isinstance(value, str) and len(value) <= 40 else None
        hint = (
            _("did you mean {name}? write one of: {names} (or its code, such as NB)")
            if close
            else _("write one of: {names} (or its code, such as NB)")
        )
        raise BadValue(
            "unknown-province",
            _("{value} is not a Dutch province").format(value=shown(value)),
            hint.format(name=close, names=province_names()),
        )
    return province


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity, as typing needs
class ReadBy:
    """Annotated metadata: the value is read by ``parse`` alone (which raises BadValue with the
    rule and the hint), and editors are shown ``json_schema``.

    Pydantic's PlainValidator would also build a schema of the Python type (Count, Share, …)
    for serialising, which woonbod never does: that was a fifth of the time to build the models
    (41 → 33 ms here), paid on every run.
    """

    parse: Callable[[Any], Any]
    json_schema: dict[str, Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self.parse)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(self.json_schema)


CountValue = Annotated[Count, ReadBy(parse_count, _COUNT_SCHEMA)]
ShareValue = Annotated[Share, ReadBy(parse_share, _SHARE_SCHEMA)]
AmountValue = Annotated[
    Amount,
    ReadBy(parse_amount, {"anyOf": [_COUNT_SCHEMA, _SHARE_SCHEMA, _RANGE_SCHEMA, _APPROX_SCHEMA]}),
]
TotaalValue = Annotated[
    Count | Range, ReadBy(_parse_totaal, {"anyOf": [_COUNT_SCHEMA, _RANGE_SCHEMA, _APPROX_COUNT_SCHEMA]})
]
Date = Annotated[dt.date, ReadBy(_parse_date, _DATE_SCHEMA)]
SubmittedValue = Annotated[dt.date | Literal["onbekend"], ReadBy(_parse_submitted, _SUBMITTED_SCHEMA)]
ClosedValue = Annotated[dt.date | bool, ReadBy(_parse_closed, _CLOSED_SCHEMA)]
PeriodeValue = Annotated[
    Periode,
    ReadBy(
        parse_period,
        {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{4})?$", "examples": ["2022-2030"]},
    ),
]
ProvinceValue = Annotated[
    Province,
    ReadBy(_parse_province, {"type": "string", "examples": ["Noord-Brabant", "NB", "NL-NB"]}),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Segmenten(_Model):
    """De verdeling over betaalbaarheidssegmenten: aantallen, percentages ("30%") of breuken ("2/3")."""

    sociale_huur: AmountValue | None = Field(
        None, description="Sociale huur: huur tot de liberalisatiegrens (2022: ca. €763 per maand)."
    )
    middenhuur: AmountValue | None = Field(
        None,
        description="Middenhuur: van de liberalisatiegrens tot €1.000 per maand (prijspeil 2022).",
    )
    betaalbare_koop: AmountValue | None = Field(
        None, description="Betaalbare koop: koopprijs tot de NHG-grens (2022: €355.000)."
    )
    middensegment: AmountValue | None = Field(
        None,
        description="Middensegment = middenhuur + betaalbare koop; geef dit als alleen de som bekend is.",
    )
    betaalbaar: AmountValue | None = Field(
        None,
        description="Betaalbaar = sociale huur + middensegment; geef dit als alleen de som bekend is.",
    )


class Deel(_Model):
    """Het deel van een grensoverschrijdende regio dat aan deze provincie wordt toegerekend."""

    totaal: CountValue | None = Field(None, description="Woningen van de regio in deze provincie.")
    segmenten: Segmenten | None = Field(
        None, description="Verdeling van het deel in deze provincie over de segmenten."
    )
    corporaties: AmountValue | None = Field(
        None, description="Woningen door woningcorporaties in het deel in deze provincie."
    )


def _deel_kind(value: Any) -> str:
    return "〈deel〉" if isinstance(value, dict) else "〈aantal〉"


DeelValue = Annotated[
    Annotated[CountValue, Tag("〈aantal〉")] | Annotated[Deel, Tag("〈deel〉")],
    Discriminator(_deel_kind),
]


class Regio(_Model):
    """Een woondealregio: binnen de provincie, of over de provinciegrens heen (provincies)."""

    naam: str = Field(description="Naam van de regio, bijvoorbeeld 'Hart van Brabant'.")
    totaal: TotaalValue | None = Field(
        None, description="Bruto aantal nieuwe woningen in de hele regio (alle provincies samen)."
    )
    segmenten: Segmenten | None = Field(None, description="Verdeling van de hele regio over de segmenten.")
    corporaties: AmountValue | None = Field(None, description="Woningen door woningcorporaties in de regio.")
    provincies: list[ProvinceValue] | None = Field(
        None,
        description="Alleen voor een regio over de provinciegrens: de provincies die zij omvat, "
        "inclusief die van dit bod. Leeg: de regio ligt helemaal in de provincie.",
    )
    toegerekend: DeelValue | None = Field(
        None,
        description="Alleen voor een regio over de provinciegrens: het deel in deze provincie, als "
        "aantal woningen of als {totaal, segmenten, corporaties}; leeg = niet gepubliceerd.",
    )
    toelichting: str | None = Field(None, description="Vrije tekst over de regio.")

    def crosses_border(self, own: Province) -> bool:
        """The region lists a province other than the bid's own."""
        return any(p.code != own.code for p in self.provincies or ())

    def deel(self) -> Deel | None:
        """The attributed part as a Deel (a bare count is its totaal)."""
        if isinstance(self.toegerekend, Count):
            return Deel.model_construct(totaal=self.toegerekend, segmenten=None, corporaties=None)
        return self.toegerekend


class Knelpunt(_Model):
    """Een knelpunt of randvoorwaarde waar het bod van afhangt."""

    soort: KnelpuntSoort = Field(description="Soort knelpunt.")
    toelichting: str | None = Field(None, description="Wat speelt er, en waar.")
    rijksrol: StrictBool | None = Field(
        None, description="true als het Rijk een bepalende rol heeft bij het oplossen."
    )
    woningen: CountValue | None = Field(
        None,
        description="Woningen in het bod die op het spel staan zolang het knelpunt niet is opgelost.",
    )
    extra_woningen: CountValue | None = Field(
        None,
        description=(
            "Woningen bovenop het bod die de provincie aanbiedt als het knelpunt wordt opgelost "
            "(voorwaardelijk extra, geen woningen die op het spel staan)."
        ),
    )


class Uitstel(_Model):
    """Een onderwerp dat later wordt ingevuld."""

    uitgesteld_tot: Date = Field(description="Datum waarop het onderwerp alsnog wordt ingevuld.")
    toelichting: str | None = Field(None, description="Waarom het onderwerp is uitgesteld.")


def _topic_kind(value: Any) -> str:
    return "〈uitstel〉" if isinstance(value, dict) else "〈aantal〉"


TopicValue = Annotated[
    Annotated[CountValue, Tag("〈aantal〉")] | Annotated[Uitstel, Tag("〈uitstel〉")],
    Discriminator(_topic_kind),
]


class Onderwerpen(_Model):
    """Onderwerpen naast de prioritaire: een aantal woningen, of uitstel tot een datum."""

    transformatie: TopicValue | None = Field(
        None, description="Transformatie van kantoren en winkels naar woningen: aantal of uitstel."
    )
    seniorenwoningen: TopicValue | None = Field(None, description="Seniorenwoningen: aantal of uitstel.")
    flexwoningen: TopicValue | None = Field(None, description="Flexwoningen: aantal of uitstel.")
    aandachtsgroepen: TopicValue | None = Field(
        None, description="Woningen voor aandachtsgroepen: aantal of uitstel."
    )


class Contact(_Model):
    """Contactpersoon voor het bod."""

    naam: str | None = Field(None, description="Naam van de contactpersoon.")
    email: str | None = Field(None, description="E-mailadres.", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    telefoon: str | None = Field(None, description="Telefoonnummer.")
    organisatie: str | None = Field(None, description="Organisatie of afdeling.")


class Bron(_Model):
    """Waar de cijfers vandaan komen."""

    url: str = Field(description="Adres van de bron.", pattern=r"^https?://\S+$")
    over: list[str] = Field(
        default=[],
        description="Welke velden de bron onderbouwt, bijvoorbeeld [totaal, segmenten.sociale_huur].",
    )
    titel: str | None = Field(None, description="Titel van de bron.")
    datum: Date | None = Field(None, description="Datum van publicatie.")


class Bid(_Model):
    """Het woningbouwbod van één provincie in één ronde."""

    provincie: ProvinceValue = Field(
        description="Officiële naam (Friesland mag voor Fryslân) of ISO 3166-2-code (NB of NL-NB)."
    )
    ronde: RondeSoort = Field(description="indicatief (juni) of definitief (vóór 1 oktober).")
    ingediend: SubmittedValue | None = Field(
        None,
        description=(
            "Datum van indienen; onbekend = ingediend, maar de datum is niet bekend; "
            "leeg = nog niet ingediend."
        ),
    )
    periode: PeriodeValue | None = Field(
        None,
        description="Periode in jaren, inclusief, zoals 2022-2030. Standaard: die van de ronde.",
    )
    totaal: TotaalValue | None = Field(
        None,
        description="Bruto woningbouwrealisatie in de periode; een indicatief bod mag {min, max} geven.",
    )
    segmenten: Segmenten | None = Field(None, description="Verdeling over de betaalbaarheidssegmenten.")
    corporaties: AmountValue | None = Field(
        None, description="Woningen gebouwd door woningcorporaties: aantal of aandeel van totaal."
    )
    fasering: dict[PeriodeValue, CountValue] | None = Field(
        None, description="Verdeling van totaal over deelperiodes of jaren; telt op tot totaal."
    )
    regios: list[Regio] | None = Field(
        None,
        description="Woondealregio's; wat aan de provincie toekomt telt op tot niet meer dan de provincie.",
    )
    knelpunten: list[Knelpunt] | None = Field(None, description="Knelpunten en randvoorwaarden.")
    onderwerpen: Onderwerpen | None = Field(
        None, description="Overige onderwerpen: een aantal, of {uitgesteld_tot: datum}."
    )
    contact: Contact | None = Field(None, description="Contactpersoon.")
    bronnen: list[Bron] | None = Field(None, description="Bronnen van de cijfers, elk met url.")
    toelichting: str | None = Field(None, description="Vrije tekst.")

    @field_validator("fasering", mode="before")
    @classmethod
    def _one_key_per_period(cls, value: Any) -> Any:
        """Two keys for one period (2022-2025 and 2022 - 2025) would silently become one."""
        if not isinstance(value, dict):
            return value
        written: dict[Periode, str] = {}
        for key in value:
            try:
                period = parse_period(key)
            except BadValue:
                continue  # reported as invalid-period by the field itself
            if period in written:
                raise BadValue(
                    "fasering-overlap",
                    # Translators: {period} is 2022-2025; {first} and {second} how it was written.
                    _(
                        "the period {period} is written twice, as {first} and {second}; "
                        "only one of them would count"
                    ).format(period=period, first=shown(str(written[period])), second=shown(str(key))),
                    _("give each period once, with the homes of both added up if both were meant"),
                    key=str(key),
                )
            written[period] = key
        return value


class UitstelRegel(_Model):
    """Welke onderwerpen mogen worden uitgesteld, en tot wanneer uiterlijk."""

    onderwerpen: list[TopicName] = Field(default=[], description="Uitstelbare onderwerpen.")
    uiterlijk: Date | None = Field(None, description="Uiterste datum voor uitgestelde onderwerpen.")


class CorporatieDoel(_Model):
    """De landelijke afspraak met de woningcorporaties, per segment."""

    sociale_huur: CountValue | None = Field(None, description="Sociale huurwoningen door corporaties.")
    middenhuur: CountValue | None = Field(None, description="Middenhuurwoningen door corporaties.")

    def total(self) -> int:
        """The corporations' homes over the segments the agreement names."""
        return sum(c.value for c in (self.sociale_huur, self.middenhuur) if c is not None)


def _corporatie_doel_kind(value: Any) -> str:
    keys = set(value) if isinstance(value, dict) else set()
    return "〈segmenten〉" if keys and keys <= {"sociale_huur", "middenhuur"} else "〈aantal〉"


CorporatieDoelValue = Annotated[
    Annotated[AmountValue, Tag("〈aantal〉")] | Annotated[CorporatieDoel, Tag("〈segmenten〉")],
    Discriminator(_corporatie_doel_kind),
]


class Doelen(_Model):
    """Landelijke doelen waartegen de optelsom wordt gehouden."""

    totaal: CountValue | None = Field(None, description="Landelijk doel nieuwe woningen in de periode.")
    sociale_huur: AmountValue | None = Field(None, description="Landelijk doel sociale huur.")
    middenhuur: AmountValue | None = Field(None, description="Landelijk doel middenhuur.")
    betaalbare_koop: AmountValue | None = Field(None, description="Landelijk doel betaalbare koop.")
    middensegment: AmountValue | None = Field(None, description="Landelijk doel middensegment.")
    betaalbaar: AmountValue | None = Field(None, description="Landelijk doel betaalbaar (aantal of aandeel).")
    overig: AmountValue | None = Field(None, description="Landelijk doel overige woningen.")
    corporaties: CorporatieDoelValue | None = Field(
        None,
        description=(
            "Landelijk doel woningcorporaties: een aantal, of de afspraak per segment "
            "{sociale_huur: 250000, middenhuur: 50000}."
        ),
    )

    @field_validator("*")
    @classmethod
    def _not_zero(cls, value: Any) -> Any:
        """A target of no homes cannot be held against: a sum would be an infinite share of it."""
        zero = (
            (isinstance(value, Count) and value.value == 0)
            or (isinstance(value, Share) and value.fraction == 0)
            or (isinstance(value, CorporatieDoel) and value.total() == 0)
        )
        if zero:
            raise BadValue(
                "invalid-value",
                _("a target of 0 homes cannot be held against (every sum would be an endless share of it)"),
                _("leave the target out (or null) when the round has none"),
            )
        return value


class Normen(_Model):
    """Normen per bod: een bod eronder krijgt een waarschuwing."""

    sociale_huur: ShareValue | None = Field(None, description="Minimaal aandeel sociale huur per bod.")
    middenhuur: ShareValue | None = Field(None, description="Minimaal aandeel middenhuur per bod.")
    betaalbare_koop: ShareValue | None = Field(None, description="Minimaal aandeel betaalbare koop per bod.")
    middensegment: ShareValue | None = Field(None, description="Minimaal aandeel middensegment per bod.")
    betaalbaar: ShareValue | None = Field(None, description="Minimaal aandeel betaalbaar per bod.")
    corporaties: ShareValue | None = Field(None, description="Minimaal aandeel corporaties per bod.")


class Ronde(_Model):
    """De ronde: deadline, periode, verplichte onderdelen, uitstel, doelen en normen."""

    naam: str | None = Field(None, description="Naam van de ronde.")
    # The file's key is `ronde` (a contract); in code `Ronde.soort`, since `ronde.ronde` read as a riddle.
    soort: RondeSoort = Field("definitief", alias="ronde", description="indicatief of definitief.")
    deadline: Date | None = Field(
        None,
        description="Biedingen moeten uiterlijk op deze datum binnen zijn (die dag telt als op tijd).",
    )
    gesloten: ClosedValue | None = Field(
        None,
        description=(
            "De ronde is gesloten: op deze datum (of true als de datum niet bekend is). Wat dan "
            "onbekend is, is niet gepubliceerd, niet meer verschuldigd."
        ),
    )
    periode: PeriodeValue = Field(Periode(2022, 2030), description="Periode van de biedingen, inclusief.")
    verplicht: list[ItemName] = Field(
        default=[], description="Onderdelen die een bod in deze ronde moet invullen."
    )
    uitstel: UitstelRegel = Field(UitstelRegel(), description="Uitstelbare onderwerpen.")
    doelen: Doelen = Field(Doelen(), description="Landelijke doelen.")
    normen: Normen = Field(Normen(), description="Normen per bod.")
    benodigd: dict[ProvinceValue, CountValue] = Field(
        default={},
        description="Wat de minister per provincie nodig acht (zijn raming), om elk bod tegen te "
        "houden; een provincie die ontbreekt: niet gepubliceerd.",
    )
    niveaus: dict[str, Level] = Field(
        default={},
        description="Niveau per regel (error, warning, info, off), bijv. {norm-sociale-huur: error}.",
    )

    @property
    def title(self) -> str:
        """The round's name, or its kind (indicatief, definitief) when it has none."""
        return self.naam or self.soort

    @property
    def closed(self) -> bool:
        """Whether the round is closed (``gesloten`` is a date or true)."""
        return self.gesloten is not None and self.gesloten is not False

    @property
    def closed_on(self) -> dt.date | None:
        """The date the round closed, when known."""
        return self.gesloten if isinstance(self.gesloten, dt.date) else None

    def closed_at(self, when: dt.date) -> bool:
        """Whether the round was closed on ``when``: before its closing date it was still open;
        ``gesloten: true`` (date not known) is closed at every date."""
        return self.closed and (self.closed_on is None or when >= self.closed_on)

    @field_validator("niveaus")
    @classmethod
    def _known_rules(cls, value: dict[str, Level]) -> dict[str, Level]:
        from woonbod.rules import RULES

        unknown = [excerpt(rule, 40) for rule in value if rule not in RULES]
        if unknown:
            raise ValueError(
                _("unknown rule(s): {rules}; the rules are listed in docs/rules.md").format(
                    rules=", ".join(unknown)
                )
            )
        fixed = [rule for rule, level in value.items() if RULES[rule].fixed and level is not Level.ERROR]
        if fixed:
            raise ValueError(
                ngettext(
                    "{rules} cannot be set to anything but error: it means a file could not be read "
                    "or trusted (docs/rules.md lists the rules a round may change)",
                    "{rules} cannot be set to anything but error: they mean a file could not be read "
                    "or trusted (docs/rules.md lists the rules a round may change)",
                    len(fixed),
                ).format(rules=", ".join(fixed))
            )
        return value
