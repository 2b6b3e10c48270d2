"""A deterministic synthetic customer base for throughput and false-alert benchmarks.

    python benchmarks/synthetic.py N -o customers.parquet [--seed S]

``generate(n, seed)`` returns n customers with the screening input columns ``customer_id``
(``S0000001``, ...), ``name``, ``schema`` ("Person" about 70%, "Organization" about 30%),
``country`` (ISO 3166 alpha-2, consistent with the name's culture) and ``birth_date``
(YYYY-MM-DD for most persons, empty for organizations and some persons).

The names follow the conventions of eleven cultures (see ``CULTURES``): English, German,
French, Spanish / Latin American, Russian (Latin transliterations and Cyrillic, with
patronymics), Chinese (pinyin in both orders and characters), Japanese (romaji and
kanji / kana), Korean (romanized and Hangul), Arabic (Latin transliterations and Arabic
script), Turkish and Indian. Name parts are drawn from lists of frequent names with
Zipf-like weights, so a large base repeats names the way a real one does. Organizations
combine a place, brand or family name with an industry word and a legal form of their
country (``LEGAL_FORMS``), which comes last except where the convention puts it first
(Russian ``OOO "..."``, Japanese ``株式会社...``, Korean ``(주)...``).

The customers stand for ordinary, non-sanctioned people and companies: no name of a
well-known sanctioned person or company is included. Frequent names will still now and
then coincide with listed names, as in a real customer base; that is what a false-alert
benchmark measures.

Rows are generated in blocks of ``BLOCK_SIZE``, block b from a numpy Generator seeded
with (seed, b), so the same (n, seed) always gives the same frame and the first k rows
of ``generate(n)`` are ``generate(k)``. Work is vectorized per block and culture: draw
indices into the name-part arrays, then join object arrays.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

BLOCK_SIZE = 16_384  # rows per independently seeded block
ORG_SHARE = 0.30  # share of organizations
BIRTH_DATE_SHARE = 0.92  # share of persons with a birth date
UPPER_SHARE = 0.03  # names kept in capitals, as legacy systems store them
COLUMNS = ["customer_id", "name", "schema", "country", "birth_date"]
_REFERENCE_DAY = np.datetime64("2025-01-01")  # ages are counted back from this fixed day

Array = np.ndarray  # one-dimensional object arrays of str unless said otherwise


# --- drawing helpers ------------------------------------------------------------------------

def _cdf(weights: Sequence[float]) -> Array:
    c = np.cumsum(np.asarray(weights, dtype=float))
    c /= c[-1]
    c[-1] = 1.0
    return c


def _choose(rng: np.random.Generator, m: int, weights: Sequence[float]) -> Array:
    """m draws of 0..len(weights)-1 with the given relative weights."""
    return np.searchsorted(_cdf(weights), rng.random(m), side="right")


def _pick(rng: np.random.Generator, m: int, options: Sequence[str], weights: Sequence[float]) -> Array:
    """m draws from ``options`` with the given relative weights, as an object array."""
    return np.asarray(options, dtype=object)[_choose(rng, m, weights)]


def _obj(values) -> Array:
    """An object array of the values (a list or an iterable), never a 2-d array."""
    values = list(values)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class Pool:
    """Name parts in order of frequency, drawn with Zipf-like weights 1 / (rank + offset).

    An entry is a string or a tuple of parallel forms (e.g. pinyin and characters); a form
    may list alternative spellings separated by "|", the first being the most common.
    Several groups (e.g. male and female given names) share one table of entries.
    """

    def __init__(self, *groups: Sequence, offset: float = 8.0):
        rows = [entry if isinstance(entry, tuple) else (entry,) for group in groups for entry in group]
        width = len(rows[0])
        if any(len(row) != width for row in rows):
            raise ValueError("all entries of a pool need the same number of forms")
        self.size = len(rows)
        self._columns = []
        for j in range(width):
            spellings = [row[j].split("|") for row in rows]
            main = _obj(s[0] for s in spellings)
            if any(len(s) > 1 for s in spellings):
                count = np.array([len(s) for s in spellings])
                start = np.concatenate([[0], np.cumsum(count)[:-1]])
                self._columns.append((main, _obj(x for s in spellings for x in s), start, count))
            else:
                self._columns.append((main, None, None, None))
        self._groups = []
        start = 0
        for group in groups:
            self._groups.append((start, _cdf(1.0 / (np.arange(len(group)) + offset))))
            start += len(group)

    def draw(self, rng: np.random.Generator, m: int, group: int = 0) -> Array:
        """m entry indices from one group."""
        start, cdf = self._groups[group]
        return start + np.searchsorted(cdf, rng.random(m), side="right")

    def draw_by_sex(self, rng: np.random.Generator, male: Array) -> Array:
        """Entry indices from group 0 where ``male``, else from group 1."""
        idx = np.empty(len(male), dtype=np.intp)
        idx[male] = self.draw(rng, int(male.sum()), 0)
        idx[~male] = self.draw(rng, int((~male).sum()), 1)
        return idx

    def column(self, col: int = 0) -> Array:
        """The main spelling of one form of every entry."""
        return self._columns[col][0]

    def main(self, idx: Array, col: int = 0) -> Array:
        return self._columns[col][0][idx]

    def spell(self, rng: np.random.Generator, idx: Array, col: int = 0) -> Array:
        """One form of the entries, each in a random one of its spellings (earlier ones likelier)."""
        main, flat, start, count = self._columns[col]
        if flat is None:
            return main[idx]
        k = (rng.random(len(idx)) ** 2 * count[idx]).astype(np.intp)
        return flat[start[idx] + k]


def _initials(names: Array) -> Array:
    """"John" -> "J." for each name."""
    return np.asarray(names, dtype=str).astype("U1").astype(object) + "."


def _opt(mask: Array, values: Array, sep: str = " ") -> Array:
    """``sep + value`` where mask, else "": an optional name part."""
    out = np.full(len(values), "", dtype=object)
    out[mask] = sep + values[mask]
    return out


def _sexes(rng: np.random.Generator, m: int) -> Array:
    return rng.random(m) < 0.5


FormTable = dict[str, tuple[Sequence[str], Sequence[float]]]  # country -> (legal forms, relative weights)


def _by_country(rng: np.random.Generator, country: Array, table: FormTable) -> Array:
    """A legal form per row, drawn from the row's country's forms in ``table``."""
    out = np.full(len(country), "", dtype=object)
    for code, (forms, weights) in table.items():
        sel = country == code
        k = int(sel.sum())
        if k:
            out[sel] = _pick(rng, k, forms, weights)
    return out


def _fold_latin(text: str) -> str:
    """Strip diacritics (Sébastien -> Sebastien, Şahin -> Sahin, ı -> i), as ASCII-only systems do."""
    text = text.replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_GERMAN_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _fold_german(text: str) -> str:
    return text.translate(_GERMAN_FOLD)


def _fold_some(rng: np.random.Generator, names: Array, share: float, fold: Callable[[str], str]) -> Array:
    """Fold the diacritics of about ``share`` of the names."""
    sel = rng.random(len(names)) < share
    names[sel] = _obj(fold(s) for s in names[sel])
    return names


# --- English (US, GB) -----------------------------------------------------------------------

EN_GIVEN = Pool(
    ["James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
     "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
     "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan",
     "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
     "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick", "Frank", "Raymond", "Jack", "Dennis", "Jerry",
     "Tyler", "Aaron", "Adam", "Nathan", "Henry", "Peter", "Oliver", "Harry", "Charlie", "Liam", "Noah",
     "Ethan", "Douglas", "Keith", "Roger", "Terry", "Carl", "Arthur", "Lawrence", "Philip", "Graham",
     "Ian", "Neil", "Simon", "Stuart", "Alan", "Colin", "Martin", "Gordon", "Craig"],
    ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
     "Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle",
     "Carol", "Amanda", "Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura",
     "Cynthia", "Kathleen", "Amy", "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole",
     "Helen", "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Catherine",
     "Olivia", "Sophie", "Charlotte", "Amelia", "Jane", "Claire", "Julie", "Heather", "Diane", "Joanne",
     "Alice", "Lucy", "Hannah", "Grace", "Megan", "Victoria", "Ruth", "Judith", "Frances", "Gillian",
     "Louise", "Fiona", "Tracy", "Kelly", "Lauren", "Chloe", "Evelyn", "Abigail", "Madison"],
    offset=10.0,
)
EN_FAMILY = Pool(
    ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
     "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
     "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker",
     "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
     "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
     "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks",
     "Bennett", "Gray", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell",
     "Jenkins", "Perry", "Russell", "Sullivan", "Hall", "Fisher", "Henderson", "Coleman", "Patterson",
     "Jordan", "Graham", "Reynolds", "Hamilton", "Ellis", "Wallace", "Cole", "West", "Stone", "Hunt",
     "Palmer", "Walsh", "O'Brien", "O'Connor", "McDonald", "MacLeod", "McCarthy", "Murray", "Kennedy",
     "Shaw", "Holmes", "Chapman", "Webb", "Marshall", "Knight", "Harrison", "Lloyd", "Owen", "Mason",
     "Barnes", "Butler", "Simpson", "Hunter", "Davies", "Gibson", "Fletcher", "Dixon"],
    offset=12.0,
)
EN_PLACES = Pool(
    ["Riverside", "Lakeside", "Oakwood", "Maplewood", "Greenfield", "Springfield", "Fairview", "Highland",
     "Northern", "Southern", "Eastern", "Western", "Pacific", "Atlantic", "Midland", "Summit", "Pinnacle",
     "Cornerstone", "Heritage", "Liberty", "Eagle", "Silver Creek", "Blue Ridge", "Redwood", "Cedar",
     "Granite", "Harbor", "Harbour", "Meridian", "Horizon", "Evergreen", "Crescent", "Sterling", "Keystone",
     "Westfield", "Kingston", "Manchester", "Yorkshire", "Thames", "Cambridge", "Oxford", "Bristol",
     "Chelsea", "Boston", "Chicago", "Texas", "Carolina", "Dakota", "Lancaster", "Windsor", "Hudson",
     "Cascade", "Prairie", "Coastal", "Bayside", "Pioneer", "Frontier", "Union", "Premier", "First Street"],
    offset=15.0,
)
EN_INDUSTRY = Pool(
    ["Logistics", "Holdings", "Consulting", "Construction", "Engineering", "Properties", "Capital", "Partners",
     "Solutions", "Technologies", "Systems", "Manufacturing", "Foods", "Transport", "Energy", "Healthcare",
     "Medical Supplies", "Software", "Marketing", "Design", "Plumbing", "Electrical", "Landscaping",
     "Auto Repair", "Real Estate", "Investments", "Trading", "Imports", "Distribution", "Packaging",
     "Printing", "Textiles", "Furniture", "Hardware", "Pharmacy", "Dental Care", "Insurance Services",
     "Financial Services", "Security Services", "Cleaning Services", "Catering", "Hospitality", "Media",
     "Communications", "Labs", "Analytics", "Home Improvement", "Roofing", "Staffing", "Motors",
     "Farms", "Bakery", "Veterinary Clinic", "Fitness", "Travel"],
    offset=15.0,
)
EN_FORMS = {
    "US": (["Inc.", "LLC", "Corp.", "Co.", "Corporation", "L.P."], [35, 35, 12, 8, 5, 5]),
    "GB": (["Ltd", "Limited", "PLC", "LLP", "Ltd."], [45, 30, 5, 10, 10]),
}


def _english_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    given = EN_GIVEN.main(EN_GIVEN.draw_by_sex(rng, male))
    middle = EN_GIVEN.main(EN_GIVEN.draw_by_sex(rng, male))
    family = EN_FAMILY.main(EN_FAMILY.draw(rng, m))
    kind = _choose(rng, m, [62, 25, 10, 3])  # no middle name, middle initial, middle name, "Family, Given"
    kind[(middle == given) & ((kind == 1) | (kind == 2))] = 0
    out = given + " " + family
    sel = kind == 1
    out[sel] = given[sel] + " " + _initials(middle[sel]) + " " + family[sel]
    sel = kind == 2
    out[sel] = given[sel] + " " + middle[sel] + " " + family[sel]
    sel = kind == 3
    out[sel] = family[sel] + ", " + given[sel]
    return out


def _english_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    place = EN_PLACES.main(EN_PLACES.draw(rng, m))
    family = EN_FAMILY.main(EN_FAMILY.draw(rng, m))
    partner = EN_FAMILY.main(EN_FAMILY.draw(rng, m))
    industry = EN_INDUSTRY.main(EN_INDUSTRY.draw(rng, m))
    kind = _choose(rng, m, [45, 32, 13, 10])  # place + industry, family + industry, two partners, "& Sons"
    out = place + " " + industry
    sel = kind == 1
    out[sel] = family[sel] + " " + industry[sel]
    sel = kind == 2
    out[sel] = family[sel] + " & " + partner[sel]
    sel = kind == 3
    out[sel] = family[sel] + " & Sons"
    return out + " " + _by_country(rng, country, EN_FORMS)


# --- German (DE, AT, CH) --------------------------------------------------------------------

DE_GIVEN = Pool(
    ["Peter", "Michael", "Thomas", "Andreas", "Wolfgang", "Klaus", "Jürgen", "Stefan", "Christian", "Uwe",
     "Werner", "Hans", "Frank", "Bernd", "Martin", "Markus", "Matthias", "Jörg", "Dieter", "Helmut",
     "Gerhard", "Manfred", "Sven", "Tobias", "Florian", "Lukas", "Maximilian", "Jan", "Tim", "Alexander",
     "Sebastian", "Daniel", "Dirk", "Holger", "Ralf", "Rainer", "Karl-Heinz", "Hans-Peter", "Horst",
     "Günter", "Heinz", "Lars", "Jonas", "Felix", "Leon", "Paul", "Niklas", "Moritz", "Björn", "Kai",
     "Torsten", "Volker", "Norbert", "Reinhard", "Johannes", "Philipp", "Fabian", "Marco", "Oliver", "Jens"],
    ["Ursula", "Monika", "Petra", "Sabine", "Renate", "Helga", "Karin", "Brigitte", "Ingrid", "Erika",
     "Andrea", "Gabriele", "Susanne", "Claudia", "Birgit", "Christine", "Stefanie", "Julia", "Anna",
     "Katharina", "Sandra", "Nicole", "Martina", "Heike", "Anja", "Jana", "Laura", "Lena", "Lea", "Hannah",
     "Sophie", "Marie", "Jutta", "Elke", "Bärbel", "Gisela", "Melanie", "Silke", "Ute", "Maren", "Kerstin",
     "Tanja", "Simone", "Daniela", "Manuela", "Anke", "Doris", "Angelika", "Christa", "Hildegard", "Lisa",
     "Johanna", "Franziska", "Carolin", "Miriam", "Annette", "Cornelia", "Marion", "Sonja", "Annika"],
    offset=10.0,
)
DE_FAMILY = Pool(
    ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
     "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
     "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
     "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
     "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
     "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann",
     "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
     "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas",
     "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn",
     "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Gruber", "Brunner",
     "Steiner", "Moser", "Egger", "Hofer", "Pichler", "Meister", "Baumgartner", "Gerber"],
    offset=12.0,
)
DE_PLACES = Pool(
    ["Berliner", "Hamburger", "Münchner", "Kölner", "Frankfurter", "Stuttgarter", "Düsseldorfer",
     "Dortmunder", "Essener", "Leipziger", "Bremer", "Dresdner", "Nürnberger", "Duisburger", "Bochumer",
     "Wuppertaler", "Bielefelder", "Bonner", "Mannheimer", "Karlsruher", "Augsburger", "Wiesbadener",
     "Kieler", "Aachener", "Freiburger", "Lübecker", "Mainzer", "Rostocker", "Kasseler", "Potsdamer",
     "Regensburger", "Ulmer", "Heidelberger", "Würzburger", "Wiener", "Grazer", "Linzer", "Salzburger",
     "Innsbrucker", "Zürcher", "Basler", "Berner", "Luzerner", "Schwarzwälder", "Allgäuer", "Harzer",
     "Nord", "Süd", "West", "Ost"],
    offset=15.0,
)
DE_INDUSTRY = Pool(
    ["Maschinenbau", "Logistik", "Bau", "Elektrotechnik", "Handel", "Immobilien", "Transporte", "Metallbau",
     "Holzbau", "Software", "Beratung", "Textil", "Lebensmittel", "Chemie", "Energie", "Automobile",
     "Druck", "Verpackung", "Medizintechnik", "Spedition", "Anlagenbau", "Stahlbau", "Haustechnik",
     "Sanitär", "Gebäudetechnik", "Elektro", "Fahrzeugbau", "Kunststofftechnik", "Werkzeugbau",
     "Feinmechanik", "Autohaus", "Bäckerei", "Gartenbau", "Gebäudereinigung", "Sicherheitstechnik",
     "Messtechnik", "Solartechnik", "Umwelttechnik", "Dienstleistungen", "Vertrieb", "Consulting",
     "Systemtechnik", "Präzisionstechnik", "Antriebstechnik", "IT-Service", "Personaldienstleistungen",
     "Verwaltung", "Beteiligungen", "Holding", "Hausverwaltung"],
    offset=15.0,
)
DE_FORMS = {
    "DE": (["GmbH", "GmbH & Co. KG", "AG", "KG", "UG (haftungsbeschränkt)", "e.K."], [55, 15, 8, 7, 8, 7]),
    "AT": (["GmbH", "AG", "KG", "OG"], [70, 10, 10, 10]),
    "CH": (["AG", "GmbH"], [55, 45]),
}


def _german_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    given = DE_GIVEN.main(DE_GIVEN.draw_by_sex(rng, male))
    middle = DE_GIVEN.main(DE_GIVEN.draw_by_sex(rng, male))
    family = DE_FAMILY.main(DE_FAMILY.draw(rng, m))
    second = DE_FAMILY.main(DE_FAMILY.draw(rng, m))
    u = rng.random((3, m))
    title = np.where(u[0] < 0.02, "Dr. ", "")
    out = (title + given + _opt((u[1] < 0.10) & (middle != given), middle) + " " + family
           + _opt((u[2] < 0.03) & (second != family), second, "-"))
    return _fold_some(rng, out, 0.08, _fold_german)


def _german_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    family = DE_FAMILY.main(DE_FAMILY.draw(rng, m))
    partner = DE_FAMILY.main(DE_FAMILY.draw(rng, m))
    place = DE_PLACES.main(DE_PLACES.draw(rng, m))
    industry = DE_INDUSTRY.main(DE_INDUSTRY.draw(rng, m))
    kind = _choose(rng, m, [45, 25, 10, 10, 10])
    out = family + " " + industry
    sel = kind == 1
    out[sel] = place[sel] + " " + industry[sel]
    sel = kind == 2
    out[sel] = family[sel] + " & " + partner[sel]
    sel = kind == 3
    out[sel] = family[sel]
    sel = kind == 4
    out[sel] = industry[sel] + " " + family[sel]
    out = out + " " + _by_country(rng, country, DE_FORMS)
    return _fold_some(rng, out, 0.08, _fold_german)


# --- French (FR, BE) ------------------------------------------------------------------------

FR_GIVEN = Pool(
    ["Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Jacques", "Bernard", "Patrick", "Daniel",
     "Nicolas", "Christophe", "François", "Éric", "Laurent", "Stéphane", "Frédéric", "Julien", "Sébastien",
     "David", "Olivier", "Thierry", "Pascal", "Vincent", "Guillaume", "Antoine", "Thomas", "Alexandre",
     "Maxime", "Hugo", "Louis", "Lucas", "Gabriel", "Arthur", "Raphaël", "Mathieu", "Romain", "Benoît",
     "Jérôme", "Yves", "Gérard", "Claude", "Marc", "Luc", "Paul", "Henri", "Jean-Pierre", "Jean-Claude",
     "Jean-Luc", "Jean-François", "Jean-Marc", "Didier", "Serge", "Dominique", "Fabrice", "Cédric"],
    ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Martine", "Christine", "Monique",
     "Valérie", "Sandrine", "Sophie", "Céline", "Stéphanie", "Véronique", "Chantal", "Nicole", "Anne",
     "Julie", "Aurélie", "Camille", "Émilie", "Claire", "Léa", "Manon", "Chloé", "Emma", "Inès", "Jade",
     "Louise", "Hélène", "Brigitte", "Élodie", "Mélanie", "Virginie", "Caroline", "Audrey", "Laure",
     "Margaux", "Juliette", "Marie-Claire", "Anne-Sophie", "Marie-Christine", "Danielle", "Josiane",
     "Florence", "Patricia", "Agnès", "Corinne", "Laetitia", "Pauline", "Charlotte", "Lucie", "Océane"],
    offset=10.0,
)
FR_FAMILY = Pool(
    ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
     "Simon", "Laurent", "Lefebvre", "Michel", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
     "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Legrand",
     "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
     "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Fontaine", "Chevalier", "Robin", "Masson",
     "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy",
     "Noël", "Meyer", "Lucas", "Meunier", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun", "Dumas",
     "Brunet", "Schmitt", "Leroux", "Colin", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud",
     "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Leclercq", "Lacroix",
     "Fabre", "Dupuis", "Da Silva", "Hubert", "Rivière", "Le Gall", "Moulin", "Lecomte", "Fleury",
     "Deschamps", "Carpentier", "Maillard", "Aubry", "Le Roux", "Jacquet", "Prévost", "Poirier",
     "Charpentier", "Royer", "Huet", "Dupuy", "Breton", "Rémy", "Guyot", "Marty", "Peeters", "Janssens"],
    offset=12.0,
)
FR_PLACES = Pool(
    ["de Lyon", "de Bordeaux", "du Nord", "de l'Ouest", "de Provence", "de Bretagne", "d'Alsace",
     "du Sud-Ouest", "de Normandie", "de la Loire", "du Rhône", "de Savoie", "d'Auvergne", "de Paris",
     "de Marseille", "de Toulouse", "de Nantes", "de Lille", "de Nice", "de Strasbourg", "de Montpellier",
     "de Rennes", "de Reims", "du Littoral", "de l'Atlantique", "des Alpes", "des Vosges", "de Champagne",
     "de Bourgogne", "du Languedoc", "de Picardie", "du Centre", "de l'Est", "de la Côte d'Azur",
     "de Gascogne", "du Jura", "de Lorraine", "du Périgord", "d'Île-de-France", "de Bruxelles", "de Liège",
     "de Namur", "de Wallonie", "de Charleroi", "du Brabant", "des Ardennes", "du Hainaut", "de la Vallée"],
    offset=15.0,
)
FR_INDUSTRY = Pool(
    ["Transports", "Menuiserie", "Boulangerie", "Plomberie", "Électricité Générale", "Maçonnerie", "Garage",
     "Imprimerie", "Pharmacie", "Cabinet", "Agence", "Ateliers", "Charpente", "Couverture", "Peinture",
     "Rénovation", "Logistique", "Conseil", "Informatique", "Immobilière", "Entreprise", "Établissements",
     "Société", "Boucherie", "Pâtisserie", "Fromagerie", "Vignobles", "Domaine", "Laboratoires",
     "Constructions", "Travaux Publics", "Terrassement", "Chaudronnerie", "Mécanique", "Métallerie",
     "Carrosserie", "Ambulances", "Nettoyage", "Sécurité", "Distribution", "Import Export", "Textiles",
     "Cosmétiques", "Optique", "Courtage", "Hôtel", "Restaurant", "Librairie", "Automobiles", "Bâtiment"],
    offset=15.0,
)
FR_FORMS = {
    "FR": (["SARL", "SAS", "S.A.", "SASU", "EURL", "SNC"], [35, 30, 10, 10, 10, 5]),
    "BE": (["SRL", "SA", "SPRL", "SC"], [45, 30, 15, 10]),
}


def _french_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    given = FR_GIVEN.main(FR_GIVEN.draw_by_sex(rng, male))
    middle = FR_GIVEN.main(FR_GIVEN.draw_by_sex(rng, male))
    family = FR_FAMILY.main(FR_FAMILY.draw(rng, m))
    u = rng.random(m)
    out = given + _opt((u < 0.06) & (middle != given), middle) + " " + family
    sel = u > 0.96  # surname first, in capitals, as French forms write it
    out[sel] = _obj(s.upper() for s in family[sel]) + " " + given[sel]
    return _fold_some(rng, out, 0.10, _fold_latin)


def _french_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    family = FR_FAMILY.main(FR_FAMILY.draw(rng, m))
    place = FR_PLACES.main(FR_PLACES.draw(rng, m))
    industry = FR_INDUSTRY.main(FR_INDUSTRY.draw(rng, m))
    kind = _choose(rng, m, [50, 25, 10, 10, 5])
    out = industry + " " + family
    sel = kind == 1
    out[sel] = industry[sel] + " " + place[sel]
    sel = kind == 2
    out[sel] = family[sel]
    sel = kind == 3
    out[sel] = "Groupe " + family[sel]
    sel = kind == 4
    out[sel] = family[sel] + " et Fils"
    out = out + " " + _by_country(rng, country, FR_FORMS)
    return _fold_some(rng, out, 0.10, _fold_latin)


# --- Spanish and Latin American (ES, MX, AR, CO, CL, PE) ------------------------------------

ES_GIVEN = Pool(
    ["José", "Juan", "Antonio", "Manuel", "Francisco", "Luis", "Carlos", "Javier", "Miguel", "Jesús",
     "Pedro", "Alejandro", "Rafael", "Fernando", "José Luis", "Pablo", "Jorge", "Juan Carlos", "Sergio",
     "Alberto", "Diego", "José Antonio", "Andrés", "Ricardo", "Eduardo", "Roberto", "Daniel", "Raúl",
     "Miguel Ángel", "Enrique", "Óscar", "Ramón", "Alfonso", "Vicente", "Ángel", "Héctor", "Mario",
     "Gustavo", "Arturo", "Sebastián", "Santiago", "Mateo", "Nicolás", "Martín", "Gabriel", "Emilio",
     "Julio", "Hugo", "Rubén", "Ignacio", "Gonzalo", "Marcos", "Adrián", "Iván", "Francisco Javier",
     "Juan Manuel", "José María", "Felipe", "Guillermo", "Joaquín", "Esteban", "Cristian"],
    ["María", "Carmen", "Ana", "Isabel", "Laura", "Lucía", "Cristina", "María José", "Marta", "Elena",
     "Patricia", "Rosa", "Pilar", "Ana María", "Dolores", "Teresa", "Paula", "Sara", "Raquel", "Beatriz",
     "Silvia", "Mercedes", "María del Carmen", "Julia", "Andrea", "Sofía", "Valentina", "Camila", "Daniela",
     "Gabriela", "Mariana", "Alejandra", "Verónica", "Claudia", "Natalia", "Adriana", "Lorena", "Guadalupe",
     "Rocío", "Esperanza", "Inés", "Victoria", "Luisa", "Angélica", "María Fernanda", "María Guadalupe",
     "Carolina", "Diana", "Paola", "Ximena", "Fernanda", "Catalina", "Florencia", "Martina", "Josefina"],
    offset=10.0,
)
ES_FAMILY = Pool(
    ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
     "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso",
     "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano",
     "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín",
     "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés", "Castillo", "Santos", "Lozano", "Guerrero",
     "Cano", "Prieto", "Méndez", "Cruz", "Flores", "Herrera", "Peña", "León", "Márquez", "Cabrera",
     "Gallego", "Calvo", "Vidal", "Campos", "Vega", "Fuentes", "Carrasco", "Díez", "Reyes", "Caballero",
     "Nieto", "Aguilar", "Pascual", "Santana", "Herrero", "Montero", "Lorenzo", "Hidalgo", "Giménez",
     "Ibáñez", "Ferrer", "Durán", "Benítez", "Vargas", "Mora", "Arias", "Carmona", "Crespo", "Román",
     "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler", "Parra", "Esteban", "Bravo", "Gallardo", "Rojas",
     "Mendoza", "Rivera", "Silva", "Espinoza", "Contreras", "Salazar", "Aguirre", "Chávez", "Luna",
     "Juárez", "Sandoval", "Acosta", "Estrada", "Figueroa", "Villa", "Pineda", "Cárdenas", "Valencia"],
    offset=12.0,
)
ES_PLACES = Pool(
    ["del Norte", "del Sur", "del Pacífico", "del Golfo", "del Bajío", "de Occidente", "de Oriente",
     "del Centro", "de Levante", "del Mediterráneo", "de Andalucía", "de Castilla", "de Galicia",
     "de Valencia", "de Madrid", "de Monterrey", "de Jalisco", "de Guadalajara", "de Puebla", "de Sonora",
     "de Yucatán", "de Antioquia", "del Caribe", "de la Sierra", "de los Andes", "del Plata", "de Cuyo",
     "de la Patagonia", "de Córdoba", "de Mendoza", "de Rosario", "del Litoral", "de Lima", "de Arequipa",
     "de Chile", "de Valparaíso", "del Biobío", "de Bogotá", "de Medellín", "de Cali", "de Barranquilla",
     "de Aragón", "de Navarra", "de Asturias", "del Cantábrico", "de Cataluña", "de Canarias", "del Valle"],
    offset=15.0,
)
ES_BRANDS = Pool(
    ["Los Pinos", "El Sol", "La Esperanza", "San José", "Santa Fe", "Del Valle", "La Victoria", "El Roble",
     "Las Palmas", "San Miguel", "Santa María", "La Paz", "El Dorado", "Los Álamos", "San Antonio",
     "La Estrella", "El Faro", "Buena Vista", "Monte Verde", "Río Grande", "Sol Naciente", "La Cumbre",
     "Los Olivos", "Santa Rosa", "San Francisco", "El Castillo", "La Perla", "Alborada", "Horizonte",
     "Nueva Era"],
    offset=15.0,
)
ES_INDUSTRY = Pool(
    ["Transportes", "Construcciones", "Distribuidora", "Comercializadora", "Inmobiliaria", "Constructora",
     "Servicios", "Industrias", "Alimentos", "Textiles", "Importadora", "Exportadora", "Laboratorios",
     "Farmacéutica", "Agropecuaria", "Logística", "Ingeniería", "Consultores", "Soluciones", "Muebles",
     "Materiales", "Plásticos", "Autopartes", "Maquinaria", "Talleres", "Suministros", "Inversiones",
     "Desarrollos", "Promociones", "Hoteles", "Restaurantes", "Panificadora", "Ferretería", "Electrónica",
     "Tecnologías", "Asesores", "Publicidad", "Seguridad", "Limpiezas", "Viajes", "Joyería", "Calzados",
     "Confecciones", "Papelera", "Química", "Metalúrgica", "Vinos", "Frutas", "Aceites", "Minera"],
    offset=15.0,
)
ES_FORMS = {
    "ES": (["S.L.", "S.A.", "S.L.U."], [60, 25, 15]),
    "MX": (["S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V.", "S.C."], [60, 25, 10, 5]),
    "AR": (["S.A.", "S.R.L.", "S.A.S."], [50, 40, 10]),
    "CO": (["S.A.S.", "S.A.", "Ltda."], [70, 15, 15]),
    "CL": (["SpA", "Ltda.", "S.A."], [40, 30, 30]),
    "PE": (["S.A.C.", "S.A.", "E.I.R.L.", "S.R.L."], [50, 25, 15, 10]),
}


def _spanish_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    given = ES_GIVEN.main(ES_GIVEN.draw_by_sex(rng, male))
    father = ES_FAMILY.main(ES_FAMILY.draw(rng, m))
    mother = ES_FAMILY.main(ES_FAMILY.draw(rng, m))
    kind = _choose(rng, m, [75, 20, 5])  # both surnames, the first only, "Surnames, Given"
    out = given + " " + father + " " + mother
    sel = kind == 1
    out[sel] = given[sel] + " " + father[sel]
    sel = kind == 2
    out[sel] = father[sel] + " " + mother[sel] + ", " + given[sel]
    return _fold_some(rng, out, 0.12, _fold_latin)


def _spanish_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    family = ES_FAMILY.main(ES_FAMILY.draw(rng, m))
    partner = ES_FAMILY.main(ES_FAMILY.draw(rng, m))
    place = ES_PLACES.main(ES_PLACES.draw(rng, m))
    brand = ES_BRANDS.main(ES_BRANDS.draw(rng, m))
    industry = ES_INDUSTRY.main(ES_INDUSTRY.draw(rng, m))
    kind = _choose(rng, m, [35, 20, 20, 10, 8, 7])
    out = industry + " " + family
    sel = kind == 1
    out[sel] = industry[sel] + " " + place[sel]
    sel = kind == 2
    out[sel] = industry[sel] + " " + brand[sel]
    sel = kind == 3
    out[sel] = "Grupo " + family[sel]
    sel = kind == 4
    out[sel] = family[sel] + " y " + partner[sel] + " Asociados"
    sel = kind == 5
    out[sel] = family[sel] + " Hermanos"
    out = out + " " + _by_country(rng, country, ES_FORMS)
    return _fold_some(rng, out, 0.12, _fold_latin)


# --- Russian (RU, KZ): Latin transliterations and Cyrillic ----------------------------------

_RU_BASE = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
_RU_ICAO = {**_RU_BASE, "ё": "e", "й": "i", "ъ": "ie", "ю": "iu", "я": "ia"}
_RU_VOWEL_BEFORE = r"(?:^|(?<=[аеёиоуыэюяъь]))"


def _translit(text: str, system: str) -> str:
    """Cyrillic -> Latin: "bgn" (Sergeyevich), "icao" (passports: Sergeevich), "popular" (Alexey, Elena)."""
    words = []
    for word in text.split(" "):
        w = word.lower()
        if system == "icao":
            latin = "".join(_RU_ICAO.get(c, c) for c in w)
        else:
            if system == "popular":
                w = re.sub(r"ий$", "y", w)
                w = re.sub(r"(?<=\w\w\w)[иь]я$", "ia", w)
                w = w.replace("кс", "x")
                w = re.sub(r"^е", "e", w)
            w = re.sub(_RU_VOWEL_BEFORE + "е", "ye", w)
            latin = "".join(_RU_BASE.get(c, c) for c in w)
        if word[:1].isupper():
            latin = "-".join(part[:1].upper() + part[1:] for part in latin.split("-"))
        words.append(latin)
    return " ".join(words)


_RU_SYSTEMS = ("bgn", "icao", "popular")
_RU_SYSTEM_WEIGHTS = (45, 25, 30)


def _translit_table(cyrillic: Array) -> Array:
    """(entries, systems) object array of transliterations."""
    return np.array([[_translit(s, system) for system in _RU_SYSTEMS] for s in cyrillic], dtype=object)


def _feminine_patronymic(patronymic: str) -> str:
    special = {"Ильич": "Ильинична", "Никитич": "Никитична", "Фомич": "Фоминична"}
    return special.get(patronymic, patronymic[:-3] + "вна" if patronymic.endswith("вич") else patronymic)


def _feminine_surname(surname: str) -> str:
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname  # -енко, -ук and the like do not change


_RU_MALE = [
    ("Александр", "Александрович"), ("Сергей", "Сергеевич"), ("Дмитрий", "Дмитриевич"),
    ("Андрей", "Андреевич"), ("Алексей", "Алексеевич"), ("Максим", "Максимович"), ("Евгений", "Евгеньевич"),
    ("Иван", "Иванович"), ("Михаил", "Михайлович"), ("Артём", "Артёмович"), ("Николай", "Николаевич"),
    ("Владимир", "Владимирович"), ("Игорь", "Игоревич"), ("Юрий", "Юрьевич"), ("Олег", "Олегович"),
    ("Павел", "Павлович"), ("Виктор", "Викторович"), ("Роман", "Романович"), ("Денис", "Денисович"),
    ("Антон", "Антонович"), ("Илья", "Ильич"), ("Кирилл", "Кириллович"), ("Никита", "Никитич"),
    ("Владислав", "Владиславович"), ("Константин", "Константинович"), ("Вадим", "Вадимович"),
    ("Анатолий", "Анатольевич"), ("Геннадий", "Геннадьевич"), ("Василий", "Васильевич"),
    ("Пётр", "Петрович"), ("Борис", "Борисович"), ("Григорий", "Григорьевич"), ("Валерий", "Валерьевич"),
    ("Степан", "Степанович"), ("Тимур", "Тимурович"), ("Руслан", "Русланович"), ("Егор", "Егорович"),
    ("Даниил", "Даниилович"), ("Матвей", "Матвеевич"), ("Фёдор", "Фёдорович"), ("Леонид", "Леонидович"),
    ("Георгий", "Георгиевич"), ("Станислав", "Станиславович"), ("Ярослав", "Ярославович"),
    ("Вячеслав", "Вячеславович"), ("Аркадий", "Аркадьевич"), ("Семён", "Семёнович"), ("Глеб", "Глебович"),
]
_RU_FEMALE = [
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Екатерина", "Юлия",
    "Анастасия", "Марина", "Людмила", "Галина", "Надежда", "Валентина", "Оксана", "Дарья", "Ксения",
    "Алина", "Виктория", "Евгения", "Полина", "Вера", "Любовь", "Александра", "Софья", "Алёна", "Кристина",
    "Елизавета", "Лариса", "Нина", "Зоя", "Тамара", "Жанна", "Вероника", "Маргарита", "Ангелина",
    "Ульяна", "Милана", "Инна", "Эльвира", "Диана", "Яна",
]
RU_GIVEN = Pool(
    [(name, patronymic, _feminine_patronymic(patronymic)) for name, patronymic in _RU_MALE],
    [(name, "", "") for name in _RU_FEMALE],
    offset=8.0,
)
_RU_SURNAMES = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
    "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
    "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
    "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин",
    "Виноградов", "Ковалёв", "Белов", "Тарасов", "Беляев", "Комаров", "Антонов", "Жуков", "Богданов",
    "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Филиппов",
    "Данилов", "Пономарёв", "Калинин", "Баранов", "Куликов", "Осипов", "Ершов", "Миронов", "Голубев",
    "Быков", "Никифоров", "Маслов", "Титов", "Крылов", "Гончаров", "Кудрявцев", "Щербаков", "Вишневский",
    "Покровский", "Островский", "Жуковский", "Кравченко", "Бондаренко", "Шевченко", "Мартыненко",
]
RU_FAMILY = Pool([(s, _feminine_surname(s)) for s in _RU_SURNAMES], offset=10.0)

_RU_STEM_HEADS = ["Строй", "Техно", "Пром", "Энерго", "Авто", "Агро", "Сиб", "Урал", "Волга", "Север", "Юг",
                  "Металл", "Лес", "Транс", "Мега", "Инвест", "Торг", "Мед", "Хим", "Электро", "Тепло",
                  "Спец", "Гео", "Эко", "Нева", "Дон", "Кама", "Альфа", "Вектор", "Регион"]
_RU_STEM_TAILS = ["сервис", "инвест", "снаб", "транс", "строй", "ресурс", "монтаж", "торг", "комплекс", "тех",
                  "пром", "проект", "маш", "лайн", "систем", "логистик", "трейд", "альянс", "гарант", "центр"]
_RU_STEMS = [h + t for h in _RU_STEM_HEADS for t in _RU_STEM_TAILS if h.lower() != t]
_RU_STEMS += [s + " Плюс" for s in _RU_STEMS[::9]]
RU_STEM = Pool(_RU_STEMS, offset=50.0)

_RU_TR_GIVEN = _translit_table(RU_GIVEN.column(0))
_RU_TR_PATR_M = _translit_table(RU_GIVEN.column(1))
_RU_TR_PATR_F = _translit_table(RU_GIVEN.column(2))
_RU_TR_FAMILY_M = _translit_table(RU_FAMILY.column(0))
_RU_TR_FAMILY_F = _translit_table(RU_FAMILY.column(1))
_RU_TR_STEM = _translit_table(RU_STEM.column(0))

RU_LATIN_PREFIX_FORMS = {"RU": (["OOO", "AO", "ZAO", "PAO"], [60, 25, 10, 5]), "KZ": (["TOO", "AO"], [75, 25])}
RU_LATIN_SUFFIX_FORMS = {"RU": (["LLC", "JSC"], [70, 30]), "KZ": (["LLP", "JSC"], [70, 30])}
RU_CYRILLIC_FORMS = {"RU": (["ООО", "АО", "ЗАО", "ПАО"], [65, 25, 5, 5]), "KZ": (["ТОО", "АО"], [75, 25])}
RU_CYRILLIC_SHARE = 0.35


def _russian_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    g = RU_GIVEN.draw_by_sex(rng, male)
    f = RU_GIVEN.draw(rng, m, 0)  # the father, whose name gives the patronymic
    s = RU_FAMILY.draw(rng, m)
    cyrillic = rng.random(m) < RU_CYRILLIC_SHARE
    system = _choose(rng, m, _RU_SYSTEM_WEIGHTS)
    kind = _choose(rng, m, [40, 35, 25])  # with patronymic, official order, without patronymic

    given = np.where(cyrillic, RU_GIVEN.main(g), _RU_TR_GIVEN[g, system])
    patronymic = np.where(cyrillic, np.where(male, RU_GIVEN.main(f, 1), RU_GIVEN.main(f, 2)),
                          np.where(male, _RU_TR_PATR_M[f, system], _RU_TR_PATR_F[f, system]))
    family = np.where(cyrillic, np.where(male, RU_FAMILY.main(s, 0), RU_FAMILY.main(s, 1)),
                      np.where(male, _RU_TR_FAMILY_M[s, system], _RU_TR_FAMILY_F[s, system]))
    out = given + " " + patronymic + " " + family
    sel = kind == 1
    out[sel] = family[sel] + " " + given[sel] + " " + patronymic[sel]
    sel = kind == 2
    out[sel] = given[sel] + " " + family[sel]
    return out


def _russian_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    s = RU_STEM.draw(rng, m)
    cyrillic = rng.random(m) < RU_CYRILLIC_SHARE
    system = _choose(rng, m, _RU_SYSTEM_WEIGHTS)
    kind = _choose(rng, m, [55, 25, 20])  # FORM "Name", FORM Name, Name FORM (Latin only)
    latin = _RU_TR_STEM[s, system]
    out = _by_country(rng, country, RU_LATIN_PREFIX_FORMS) + ' "' + latin + '"'
    sel = kind == 1
    out[sel] = _by_country(rng, country[sel], RU_LATIN_PREFIX_FORMS) + " " + latin[sel]
    sel = kind == 2
    out[sel] = latin[sel] + " " + _by_country(rng, country[sel], RU_LATIN_SUFFIX_FORMS)
    quotes = np.where(rng.random(m) < 0.7, "«", '"')
    closing = np.where(quotes == "«", "»", '"')
    out[cyrillic] = (_by_country(rng, country[cyrillic], RU_CYRILLIC_FORMS) + " " + quotes[cyrillic]
                     + RU_STEM.main(s[cyrillic]) + closing[cyrillic])
    return out


# --- Chinese (CN): pinyin and characters ----------------------------------------------------

CN_FAMILY = Pool(
    [("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
     ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"), ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"),
     ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"), ("He", "何"), ("Gao", "高"), ("Lin", "林"), ("Luo", "罗"),
     ("Zheng", "郑"), ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"), ("Tang", "唐"), ("Xu", "许"),
     ("Han", "韩"), ("Feng", "冯"), ("Deng", "邓"), ("Cao", "曹"), ("Peng", "彭"), ("Zeng", "曾"),
     ("Xiao", "肖"), ("Tian", "田"), ("Dong", "董"), ("Yuan", "袁"), ("Pan", "潘"), ("Yu", "于"),
     ("Jiang", "蒋"), ("Cai", "蔡"), ("Yu", "余"), ("Du", "杜"), ("Ye", "叶"), ("Cheng", "程"), ("Su", "苏"),
     ("Wei", "魏"), ("Lü|Lyu|Lu", "吕"), ("Ding", "丁"), ("Ren", "任"), ("Shen", "沈"), ("Yao", "姚"),
     ("Lu", "卢"), ("Jiang", "姜"), ("Cui", "崔"), ("Zhong", "钟"), ("Tan", "谭"), ("Lu", "陆"),
     ("Wang", "汪"), ("Fan", "范"), ("Jin", "金"), ("Shi", "石"), ("Liao", "廖"), ("Jia", "贾"),
     ("Xia", "夏"), ("Wei", "韦"), ("Fu", "付"), ("Fang", "方"), ("Bai", "白"), ("Zou", "邹"), ("Meng", "孟"),
     ("Xiong", "熊"), ("Qin", "秦"), ("Qiu", "邱"), ("Jiang", "江"), ("Yin", "尹"), ("Xue", "薛"),
     ("Yan", "闫"), ("Duan", "段"), ("Lei", "雷"), ("Hou", "侯"), ("Long", "龙"), ("Shi", "史"),
     ("Tao", "陶"), ("Li", "黎"), ("He", "贺"), ("Gu", "顾"), ("Mao", "毛"), ("Hao", "郝"), ("Gong", "龚"),
     ("Shao", "邵"), ("Wan", "万"), ("Qian", "钱"), ("Yan", "严"), ("Wu", "武")],
    offset=2.5,
)
_CN_GIVEN = [
    ("Wei", "伟"), ("Fang", "芳"), ("Na", "娜"), ("Xiu'ying", "秀英"), ("Min", "敏"), ("Jing", "静"), ("Li", "丽"),
    ("Qiang", "强"), ("Lei", "磊"), ("Jun", "军"), ("Yang", "洋"), ("Yong", "勇"), ("Yan", "艳"), ("Jie", "杰"),
    ("Juan", "娟"), ("Tao", "涛"), ("Ming", "明"), ("Chao", "超"), ("Xiu'lan", "秀兰"), ("Xia", "霞"),
    ("Ping", "平"), ("Gang", "刚"), ("Gui'ying", "桂英"), ("Hui", "辉"), ("Hua", "华"), ("Xiao'ming", "小明"),
    ("Jian'guo", "建国"), ("Jian'hua", "建华"), ("Hong", "红"), ("Bin", "斌"), ("Yu", "宇"), ("Hao", "浩"),
    ("Kai", "凯"), ("Xin", "鑫"), ("Lin", "琳"), ("Xue", "雪"), ("Dan", "丹"), ("Ling", "玲"), ("Peng", "鹏"),
    ("Bo", "波"), ("Hai", "海"), ("Jian", "健"), ("Zhi'qiang", "志强"), ("Jian'jun", "建军"),
    ("Hai'yan", "海燕"), ("Xiao'hong", "小红"), ("Li'juan", "丽娟"), ("Yu'hang", "宇航"), ("Zi'han", "子涵"),
    ("Yu'xuan", "宇轩"), ("Hao'ran", "浩然"), ("Zi'xuan", "子轩"), ("Xin'yi", "欣怡"), ("Shuang", "爽"),
    ("Li'li", "丽丽"), ("Ting'ting", "婷婷"), ("Jia'hui", "佳慧"), ("Wen'jing", "文静"), ("Xiao'yan", "晓燕"),
    ("Guo'qiang", "国强"), ("Dong'mei", "冬梅"), ("Chun'mei", "春梅"), ("Hai'tao", "海涛"), ("Zhi'wei", "志伟"),
    ("Jun'jie", "俊杰"), ("Yi'fan", "一帆"), ("Ming'yu", "明宇"), ("Xiao'long", "小龙"), ("Wen'bin", "文斌"),
    ("Yu'ting", "雨婷"), ("Si'yu", "思雨"), ("Jia'yi", "佳怡"), ("Mei'ling", "美玲"), ("Shu'fen", "淑芬"),
    ("Xiu'zhen", "秀珍"), ("Yu'lan", "玉兰"), ("Feng", "峰"), ("Long", "龙"), ("Cheng", "成"),
    ("Bo'wen", "博文"), ("Tian'yu", "天宇"), ("Hao'yu", "浩宇"), ("Rui", "睿"), ("Yi'nuo", "一诺"),
    ("Qian", "倩"), ("Ying", "颖"), ("Yue", "悦"), ("Meng", "梦"), ("Lu", "露"),
]
# Forms: joined (Xiaoming), spaced (Xiao Ming), hyphenated (Xiao-ming), characters.
CN_GIVEN = Pool(
    [(p.replace("'", ""), " ".join(x.capitalize() for x in p.split("'")), p.replace("'", "-"), h)
     for p, h in _CN_GIVEN],
    offset=10.0,
)
CN_PLACES = Pool(
    [("Shenzhen", "深圳"), ("Shanghai", "上海"), ("Guangzhou", "广州"), ("Beijing", "北京"), ("Hangzhou", "杭州"),
     ("Ningbo", "宁波"), ("Suzhou", "苏州"), ("Dongguan", "东莞"), ("Xiamen", "厦门"), ("Qingdao", "青岛"),
     ("Tianjin", "天津"), ("Chongqing", "重庆"), ("Chengdu", "成都"), ("Wuhan", "武汉"), ("Nanjing", "南京"),
     ("Wuxi", "无锡"), ("Foshan", "佛山"), ("Zhuhai", "珠海"), ("Dalian", "大连"), ("Shenyang", "沈阳"),
     ("Changsha", "长沙"), ("Hefei", "合肥"), ("Fuzhou", "福州"), ("Jinan", "济南"), ("Zhengzhou", "郑州"),
     ("Xi'an", "西安"), ("Kunming", "昆明"), ("Nanning", "南宁"), ("Yiwu", "义乌"), ("Wenzhou", "温州"),
     ("Quanzhou", "泉州"), ("Shantou", "汕头"), ("Zhongshan", "中山"), ("Huizhou", "惠州"),
     ("Changzhou", "常州"), ("Nantong", "南通"), ("Yantai", "烟台"), ("Tangshan", "唐山"),
     ("Shijiazhuang", "石家庄"), ("Taiyuan", "太原"), ("Harbin", "哈尔滨"), ("Changchun", "长春"),
     ("Nanchang", "南昌"), ("Guiyang", "贵阳"), ("Lanzhou", "兰州"), ("Jiaxing", "嘉兴"), ("Shaoxing", "绍兴"),
     ("Taizhou", "台州"), ("Jinhua", "金华"), ("Weifang", "潍坊")],
    offset=6.0,
)
CN_BRANDS = Pool(
    [("Huaxing", "华兴"), ("Hengtai", "恒泰"), ("Jinhai", "金海"), ("Tianyu", "天宇"), ("Hongda", "宏达"),
     ("Shengda", "盛达"), ("Dongfang", "东方"), ("Ruifeng", "瑞丰"), ("Yongxin", "永信"), ("Jiahe", "嘉禾"),
     ("Xinyuan", "鑫源"), ("Hengxin", "恒信"), ("Fuda", "富达"), ("Huamei", "华美"), ("Kangda", "康达"),
     ("Tianli", "天力"), ("Weiye", "伟业"), ("Runfeng", "润丰"), ("Baoli", "宝利"), ("Jinlong", "金龙"),
     ("Longteng", "龙腾"), ("Xingguang", "星光"), ("Mingyang", "明阳"), ("Boda", "博达"), ("Yida", "亿达"),
     ("Huatai", "华泰"), ("Lianhe", "联合"), ("Hengyuan", "恒源"), ("Anda", "安达"), ("Taihe", "泰和"),
     ("Jiuzhou", "九州"), ("Dingsheng", "鼎盛"), ("Xinhe", "新和"), ("Zhongtian", "中天"), ("Hongxing", "红星"),
     ("Jinxin", "金鑫"), ("Wanjia", "万家"), ("Fuxing", "福星"), ("Shunda", "顺达"), ("Huafeng", "华丰"),
     ("Yuanhang", "远航"), ("Tongda", "通达"), ("Hengfeng", "恒丰"), ("Jinhui", "金辉"), ("Xinglong", "兴隆"),
     ("Ruida", "瑞达"), ("Yongsheng", "永盛"), ("Haoyu", "浩宇"), ("Chuangxin", "创新"), ("Jiali", "佳丽")],
    offset=10.0,
)
CN_INDUSTRY = Pool(
    [("Electronics", "电子"), ("Technology", "科技"), ("Trading", "贸易"), ("Industrial", "实业"),
     ("Machinery", "机械"), ("Logistics", "物流"), ("Textile", "纺织"), ("Chemical", "化工"),
     ("Import & Export", "进出口"), ("New Materials", "新材料"), ("Pharmaceutical", "医药"),
     ("Construction Engineering", "建筑工程"), ("Investment", "投资"), ("Garment", "服装"), ("Furniture", "家具"),
     ("Plastic", "塑料"), ("Hardware", "五金"), ("Optoelectronics", "光电"), ("Auto Parts", "汽车配件"),
     ("Packaging", "包装"), ("New Energy", "新能源"), ("Food", "食品"), ("Steel", "钢铁"), ("Lighting", "照明"),
     ("Precision Machinery", "精密机械"), ("Environmental Technology", "环保科技"),
     ("Information Technology", "信息技术"), ("Network Technology", "网络科技"), ("Biotechnology", "生物科技"),
     ("Supply Chain Management", "供应链管理"), ("Real Estate Development", "房地产开发"), ("Commerce", "商贸"),
     ("Culture Media", "文化传媒"), ("Intelligent Technology", "智能科技"), ("Medical Equipment", "医疗器械"),
     ("Ceramics", "陶瓷"), ("Paper", "纸业"), ("Toys", "玩具"), ("Shoes", "鞋业"), ("Cosmetics", "化妆品"),
     ("Electric Appliance", "电器"), ("Cable", "电缆"), ("Valve", "阀门"), ("Rubber", "橡胶"), ("Glass", "玻璃"),
     ("Agricultural Development", "农业开发"), ("Tea", "茶业"), ("Textile Printing and Dyeing", "印染")],
    offset=10.0,
)
CN_LATIN_FORMS = (["Co., Ltd.", "Group Co., Ltd.", "Co., Limited", "Limited"], [70, 8, 12, 10])
CN_HAN_FORMS = (["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"], [70, 12, 8, 10])
CN_HAN_SHARE = 0.30


def _chinese_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    s = CN_FAMILY.draw(rng, m)
    g = CN_GIVEN.draw(rng, m)
    kind = _choose(rng, m, [50, 15, 5, 30])  # Wang Wei, Wei Wang, WANG Wei, 王伟
    given = CN_GIVEN.main(g, 0)
    style = _choose(rng, m, [85, 10, 5])  # Xiaoming, Xiao Ming, Xiao-ming
    given[style == 1] = CN_GIVEN.main(g[style == 1], 1)
    given[style == 2] = CN_GIVEN.main(g[style == 2], 2)
    family = CN_FAMILY.spell(rng, s, 0)
    out = family + " " + given
    sel = kind == 1
    out[sel] = given[sel] + " " + family[sel]
    sel = kind == 2
    out[sel] = _obj(x.upper() for x in family[sel]) + " " + given[sel]
    sel = kind == 3
    out[sel] = CN_FAMILY.main(s[sel], 1) + CN_GIVEN.main(g[sel], 3)
    return out


def _chinese_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    p = CN_PLACES.draw(rng, m)
    b = CN_BRANDS.draw(rng, m)
    i = CN_INDUSTRY.draw(rng, m)
    with_place = rng.random(m) < 0.85
    han = rng.random(m) < CN_HAN_SHARE
    city = np.where(rng.random(m) < 0.3, "市", "")
    out = (_opt(with_place, CN_PLACES.main(p, 0), "") + np.where(with_place, " ", "") + CN_BRANDS.main(b, 0) + " "
           + CN_INDUSTRY.main(i, 0) + " " + _pick(rng, m, *CN_LATIN_FORMS))
    out[han] = (np.where(with_place[han], CN_PLACES.main(p[han], 1) + city[han], "") + CN_BRANDS.main(b[han], 1)
                + CN_INDUSTRY.main(i[han], 1) + _pick(rng, int(han.sum()), *CN_HAN_FORMS))
    return out


# --- Japanese (JP): romaji and kanji / kana -------------------------------------------------

JP_GIVEN = Pool(
    [("Hiroshi", "浩"), ("Takashi", "隆"), ("Akira", "明"), ("Kenji", "健二"), ("Makoto", "誠"), ("Satoshi", "聡"),
     ("Kazuo", "和夫"), ("Minoru", "実"), ("Shigeru", "茂"), ("Tsutomu", "勉"), ("Naoki", "直樹"),
     ("Daisuke", "大輔"), ("Kenta", "健太"), ("Shota|Shouta|Shōta", "翔太"), ("Haruto", "陽翔"),
     ("Sota|Souta", "蒼太"), ("Yuto|Yuuto", "悠斗"), ("Ren", "蓮"), ("Takumi", "拓海"), ("Ryo|Ryou|Ryō", "亮"),
     ("Koji|Kouji|Kōji", "浩二"), ("Kenichi|Ken'ichi", "健一"), ("Shinji", "真司"), ("Tetsuya", "哲也"),
     ("Masahiro", "正弘"), ("Hideki", "秀樹"), ("Ichiro|Ichirou|Ichirō", "一郎"), ("Taro|Tarou|Tarō", "太郎"),
     ("Jiro|Jirou", "次郎"), ("Yoshio", "義雄"), ("Toshio", "敏夫"), ("Masao", "正雄"), ("Yuji|Yuuji", "裕二"),
     ("Takeshi", "武"), ("Hiroki", "大樹"), ("Yusuke|Yuusuke", "祐介"), ("Kazuki", "一輝"),
     ("Ryota|Ryouta", "亮太"), ("Sho|Shou", "翔"), ("Kaito", "海斗"), ("Riku", "陸"), ("Hayato", "隼人"),
     ("Tomoya", "智也"), ("Kosuke|Kousuke", "康介"), ("Shunsuke", "俊介"), ("Masashi", "雅史"),
     ("Atsushi", "篤"), ("Nobuo", "信夫"), ("Isamu", "勇"), ("Osamu", "修")],
    [("Yoko|Youko", "洋子"), ("Keiko", "恵子"), ("Kazuko", "和子"), ("Sachiko", "幸子"), ("Michiko", "美智子"),
     ("Tomoko", "智子"), ("Yumiko", "由美子"), ("Akiko", "明子"), ("Naoko", "直子"), ("Mayumi", "真由美"),
     ("Yuko|Yuuko", "裕子"), ("Emi", "恵美"), ("Ai", "愛"), ("Yui", "結衣"), ("Sakura", "さくら"), ("Hina", "ひな"),
     ("Aoi", "葵"), ("Misaki", "美咲"), ("Haruka", "遥"), ("Nanami", "七海"), ("Riko", "莉子"), ("Mio", "美緒"),
     ("Kaori", "香織"), ("Megumi", "恵"), ("Ayumi", "あゆみ"), ("Miyuki", "みゆき"), ("Hitomi", "ひとみ"),
     ("Kaede", "楓"), ("Yuki", "由紀"), ("Noriko", "典子"), ("Hiroko", "弘子"), ("Junko", "純子"),
     ("Kyoko|Kyouko", "京子"), ("Reiko", "麗子"), ("Masako", "雅子"), ("Eriko", "恵理子"), ("Chiharu", "千春"),
     ("Mai", "舞"), ("Rina", "里奈"), ("Saki", "咲"), ("Asuka", "明日香"), ("Natsuki", "夏希"), ("Miho", "美穂"),
     ("Kumiko", "久美子"), ("Etsuko", "悦子"), ("Fumiko", "文子"), ("Midori", "みどり"), ("Chieko", "千恵子"),
     ("Takako", "孝子"), ("Yoshiko", "良子")],
    offset=10.0,
)
JP_FAMILY = Pool(
    [("Sato|Satou|Satoh", "佐藤"), ("Suzuki", "鈴木"), ("Takahashi", "高橋"), ("Tanaka", "田中"),
     ("Watanabe", "渡辺"), ("Ito|Itou|Itoh", "伊藤"), ("Yamamoto", "山本"), ("Nakamura", "中村"),
     ("Kobayashi", "小林"), ("Kato|Katou|Katoh", "加藤"), ("Yoshida", "吉田"), ("Yamada", "山田"),
     ("Sasaki", "佐々木"), ("Yamaguchi", "山口"), ("Matsumoto", "松本"), ("Inoue", "井上"), ("Kimura", "木村"),
     ("Hayashi", "林"), ("Saito|Saitou|Saitoh", "斎藤"), ("Shimizu", "清水"), ("Yamazaki", "山崎"),
     ("Mori", "森"), ("Abe", "阿部"), ("Ikeda", "池田"), ("Hashimoto", "橋本"), ("Yamashita", "山下"),
     ("Ishikawa", "石川"), ("Nakajima", "中島"), ("Maeda", "前田"), ("Fujita", "藤田"), ("Ogawa", "小川"),
     ("Goto|Gotou|Gotoh", "後藤"), ("Okada", "岡田"), ("Hasegawa", "長谷川"), ("Murakami", "村上"),
     ("Kondo|Kondou|Kondoh", "近藤"), ("Ishii", "石井"), ("Sakamoto", "坂本"), ("Endo|Endou|Endoh", "遠藤"),
     ("Aoki", "青木"), ("Fujii", "藤井"), ("Nishimura", "西村"), ("Fukuda", "福田"), ("Ota|Ohta|Oota", "太田"),
     ("Miura", "三浦"), ("Fujiwara", "藤原"), ("Okamoto", "岡本"), ("Matsuda", "松田"), ("Nakagawa", "中川"),
     ("Nakano", "中野"), ("Harada", "原田"), ("Ono|Ohno", "小野"), ("Tamura", "田村"), ("Takeuchi", "竹内"),
     ("Kaneko", "金子"), ("Wada", "和田"), ("Nakayama", "中山"), ("Ishida", "石田"), ("Ueda", "上田"),
     ("Morita", "森田"), ("Hara", "原"), ("Shibata", "柴田"), ("Sakai", "酒井"), ("Kudo|Kudou|Kudoh", "工藤"),
     ("Yokoyama", "横山"), ("Miyazaki", "宮崎"), ("Miyamoto", "宮本"), ("Uchida", "内田"), ("Takagi", "高木"),
     ("Ando|Andou|Andoh", "安藤")],
    offset=8.0,
)
JP_BRANDS = Pool(
    [("Tokyo", "東京"), ("Osaka", "大阪"), ("Nagoya", "名古屋"), ("Yokohama", "横浜"), ("Kobe", "神戸"),
     ("Kyoto", "京都"), ("Fukuoka", "福岡"), ("Sapporo", "札幌"), ("Sendai", "仙台"), ("Hiroshima", "広島"),
     ("Chiba", "千葉"), ("Saitama", "埼玉"), ("Shizuoka", "静岡"), ("Niigata", "新潟"), ("Okayama", "岡山"),
     ("Kumamoto", "熊本"), ("Kagoshima", "鹿児島"), ("Nagano", "長野"), ("Gifu", "岐阜"), ("Nara", "奈良"),
     ("Toyama", "富山"), ("Kanazawa", "金沢"), ("Hokkaido", "北海道"), ("Kyushu", "九州"), ("Shikoku", "四国"),
     ("Tohoku", "東北"), ("Chubu", "中部"), ("Kansai", "関西"), ("Nihon", "日本"), ("Fuji", "富士"),
     ("Asahi", "旭"), ("Taiyo", "太陽"), ("Hikari", "光"), ("Midori", "みどり"), ("Heiwa", "平和"),
     ("Daiwa", "大和"), ("Sanwa", "三和"), ("Toyo", "東洋"), ("Nikko", "日光"), ("Kyowa", "協和"),
     ("Showa", "昭和"), ("Taisei", "大成"), ("Daiichi", "第一"), ("Chuo", "中央"), ("Kyoei", "共栄"),
     ("Shinwa", "新和"), ("Yamato", "大和"), ("Sakura", "さくら")],
    offset=10.0,
)
JP_INDUSTRY = Pool(  # romaji, kanji, English
    [("Shoji", "商事", "Trading"), ("Sangyo", "産業", "Industries"), ("Kogyo", "工業", "Industrial"),
     ("Kensetsu", "建設", "Construction"), ("Denki", "電機", "Electric"), ("Seiki", "精機", "Precision"),
     ("Unyu", "運輸", "Transport"), ("Butsuryu", "物流", "Logistics"), ("Shokuhin", "食品", "Foods"),
     ("Seiyaku", "製薬", "Pharmaceutical"), ("Kagaku", "化学", "Chemical"), ("Tsusho", "通商", "Trading"),
     ("Bussan", "物産", "Trading"), ("Fudosan", "不動産", "Real Estate"), ("Kikai", "機械", "Machinery"),
     ("Denshi", "電子", "Electronics"), ("Seisakusho", "製作所", "Manufacturing"), ("Kosan", "興産", "Industries"),
     ("Insatsu", "印刷", "Printing"), ("Sekkei", "設計", "Design"), ("Koki", "工機", "Machine Works"),
     ("Tekko", "鉄工", "Iron Works"), ("Setsubi", "設備", "Equipment"), ("Gomu", "ゴム", "Rubber"),
     ("Jushi", "樹脂", "Plastics"), ("Kaihatsu", "開発", "Development"), ("Shisutemu", "システム", "Systems"),
     ("Enjiniaringu", "エンジニアリング", "Engineering"), ("Shoten", "商店", "Store"), ("Kaiun", "海運", "Shipping"),
     ("Seiko", "製鋼", "Steel"), ("Yakuhin", "薬品", "Pharmaceuticals"), ("Kinzoku", "金属", "Metals"),
     ("Zoen", "造園", "Landscaping"), ("Ryokan", "旅館", "Inn")],
    offset=8.0,
)
JP_KANJI_SHARE = 0.35


def _japanese_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    g = JP_GIVEN.draw_by_sex(rng, male)
    s = JP_FAMILY.draw(rng, m)
    kind = _choose(rng, m, [40, 20, 5, 25, 10])  # Taro Yamada, Yamada Taro, YAMADA Taro, 山田太郎, 山田 太郎
    given = JP_GIVEN.spell(rng, g, 0)
    family = JP_FAMILY.spell(rng, s, 0)
    out = given + " " + family
    sel = kind == 1
    out[sel] = family[sel] + " " + given[sel]
    sel = kind == 2
    out[sel] = _obj(x.upper() for x in family[sel]) + " " + given[sel]
    sel = kind >= 3
    out[sel] = JP_FAMILY.main(s[sel], 1) + np.where(kind[sel] == 4, " ", "") + JP_GIVEN.main(g[sel], 1)
    return out


def _japanese_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    use_family = rng.random(m) < 0.4
    s = JP_FAMILY.draw(rng, m)
    b = JP_BRANDS.draw(rng, m)
    i = JP_INDUSTRY.draw(rng, m)
    head = np.where(use_family, JP_FAMILY.main(s, 0), JP_BRANDS.main(b, 0))
    head_kanji = np.where(use_family, JP_FAMILY.main(s, 1), JP_BRANDS.main(b, 1))
    # romaji + Kabushiki Kaisha / K.K. / Co., Ltd., English + Co., Ltd., kanji + 株式会社 (after or before)
    kind = _choose(rng, m, [12, 13, 10, 30, 20, 15])
    out = head + " " + JP_INDUSTRY.main(i, 0) + " Kabushiki Kaisha"
    sel = kind == 1
    out[sel] = head[sel] + " " + JP_INDUSTRY.main(i[sel], 0) + " K.K."
    sel = kind == 2
    out[sel] = head[sel] + " " + JP_INDUSTRY.main(i[sel], 0) + " Co., Ltd."
    sel = kind == 3
    out[sel] = head[sel] + " " + JP_INDUSTRY.main(i[sel], 2) + " Co., Ltd."
    sel = kind == 4
    form = _pick(rng, int(sel.sum()), ["株式会社", "有限会社", "合同会社"], [85, 10, 5])
    out[sel] = head_kanji[sel] + JP_INDUSTRY.main(i[sel], 1) + form
    sel = kind == 5
    form = _pick(rng, int(sel.sum()), ["株式会社", "有限会社"], [90, 10])
    out[sel] = form + head_kanji[sel] + JP_INDUSTRY.main(i[sel], 1)
    return out


# --- Korean (KR): romanized and Hangul ------------------------------------------------------

KR_FAMILY = Pool(
    [("Kim", "김"), ("Lee|Yi|Rhee", "이"), ("Park|Pak|Bak", "박"), ("Choi|Choe", "최"), ("Jung|Jeong|Chung", "정"),
     ("Kang", "강"), ("Cho|Jo", "조"), ("Yoon|Yun", "윤"), ("Jang|Chang", "장"), ("Lim|Im", "임"), ("Han", "한"),
     ("Oh", "오"), ("Seo|Suh", "서"), ("Shin|Sin", "신"), ("Kwon", "권"), ("Hwang", "황"), ("Ahn|An", "안"),
     ("Song", "송"), ("Jeon|Jun|Chun", "전"), ("Hong", "홍"), ("Yoo|Yu", "유"), ("Ko|Go", "고"), ("Moon|Mun", "문"),
     ("Yang", "양"), ("Son", "손"), ("Bae", "배"), ("Baek|Paik", "백"), ("Heo|Huh", "허"), ("Nam", "남"),
     ("Noh|Roh", "노"), ("Ha", "하"), ("Kwak", "곽"), ("Sung|Seong", "성"), ("Cha", "차"), ("Joo|Ju", "주"),
     ("Woo", "우"), ("Koo|Ku", "구"), ("Min", "민"), ("Ryu|Yoo", "류"), ("Na", "나"), ("Jin", "진"), ("Ji", "지"),
     ("Eom|Uhm", "엄"), ("Chae", "채"), ("Won", "원"), ("Cheon|Chun", "천"), ("Bang", "방"), ("Kong|Gong", "공"),
     ("Hyun", "현"), ("Ham", "함"), ("Byun|Byeon", "변"), ("Yeom", "염"), ("Yeo", "여"), ("Choo|Chu", "추"),
     ("Do", "도"), ("Seok|Suk", "석"), ("Sun|Seon", "선"), ("Seol|Sul", "설"), ("Ma", "마"), ("Gil", "길"),
     ("Yeon", "연"), ("Wi", "위"), ("Pyo", "표"), ("Myung", "명"), ("Ki", "기"), ("Ban", "반"), ("Wang", "왕"),
     ("Keum|Geum", "금"), ("Ok", "옥"), ("Yook", "육"), ("In", "인"), ("Maeng", "맹")],
    offset=1.5,
)
_KR_MALE = [
    ("Min-jun", "민준"), ("Seo-jun", "서준"), ("Do-yun", "도윤"), ("Ji-ho", "지호"), ("Ji-hoon", "지훈"),
    ("Hyun-woo", "현우"), ("Jun-ho", "준호"), ("Sung-min", "성민"), ("Young-ho", "영호"), ("Young-soo", "영수"),
    ("Sang-hoon", "상훈"), ("Jae-hyun", "재현"), ("Dong-hyun", "동현"), ("Jung-hoon", "정훈"), ("Kyung-soo", "경수"),
    ("Jin-woo", "진우"), ("Sung-ho", "성호"), ("Chul-soo", "철수"), ("Jae-won", "재원"), ("Seung-hyun", "승현"),
    ("Woo-jin", "우진"), ("Joon-young", "준영"), ("Kyung-ho", "경호"), ("Byung-chul", "병철"), ("Sang-woo", "상우"),
    ("Min-ho", "민호"), ("Tae-hyun", "태현"), ("Jong-min", "종민"), ("Dong-wook", "동욱"), ("Seung-woo", "승우"),
    ("Hyun-soo", "현수"), ("Ji-hwan", "지환"), ("Jae-hoon", "재훈"), ("Sung-jin", "성진"), ("Kwang-ho", "광호"),
    ("Yong-jun", "용준"), ("Myung-soo", "명수"), ("Sang-min", "상민"), ("Jun-seo", "준서"), ("Eun-woo", "은우"),
    ("Si-woo", "시우"), ("Ha-joon", "하준"), ("Yeon-woo", "연우"),
]
_KR_FEMALE = [
    ("Seo-yeon", "서연"), ("Ha-eun", "하은"), ("Ji-woo", "지우"), ("Ye-jin", "예진"), ("Min-seo", "민서"),
    ("Su-bin", "수빈"), ("Eun-ji", "은지"), ("Ji-young", "지영"), ("Min-ji", "민지"), ("Hye-jin", "혜진"),
    ("Soo-jin", "수진"), ("Mi-kyung", "미경"), ("Sun-young", "선영"), ("Eun-young", "은영"), ("Young-hee", "영희"),
    ("Myung-hee", "명희"), ("Hyun-jin", "현진"), ("Yu-na", "유나"), ("So-yeon", "소연"), ("Da-eun", "다은"),
    ("Ji-min", "지민"), ("Ha-yoon", "하윤"), ("Seo-ah", "서아"), ("Ji-an", "지안"), ("Mi-young", "미영"),
    ("Jung-hee", "정희"), ("Kyung-hee", "경희"), ("Sook-ja", "숙자"), ("Eun-jung", "은정"), ("Ji-eun", "지은"),
    ("Hye-won", "혜원"), ("Yoon-seo", "윤서"), ("Chae-won", "채원"), ("Soo-ah", "수아"), ("Ji-yoon", "지윤"),
    ("Na-yeon", "나연"), ("Seul-gi", "슬기"), ("Bo-ra", "보라"), ("Min-kyung", "민경"), ("Hae-jin", "해진"),
]


def _korean_given(rom: str, hangul: str) -> tuple[str, str, str, str]:
    """Min-jun, Minjun, Min Jun, 민준."""
    first, second = rom.split("-")
    return rom, first + second, f"{first} {second.capitalize()}", hangul


KR_GIVEN = Pool([_korean_given(*e) for e in _KR_MALE], [_korean_given(*e) for e in _KR_FEMALE], offset=10.0)
KR_BRANDS = Pool(
    [("Hanil", "한일"), ("Daesung", "대성"), ("Samhwa", "삼화"), ("Dongyang", "동양"), ("Hanseong", "한성"),
     ("Sejin", "세진"), ("Daehan", "대한"), ("Shinhwa", "신화"), ("Jeil", "제일"), ("Hanbit", "한빛"),
     ("Saehan", "새한"), ("Dongbu", "동부"), ("Seohae", "서해"), ("Namyang", "남양"), ("Taeyang", "태양"),
     ("Woosung", "우성"), ("Kukje", "국제"), ("Hwaseong", "화성"), ("Donga", "동아"), ("Jinsung", "진성"),
     ("Sungwoo", "성우"), ("Haesung", "해성"), ("Youngjin", "영진"), ("Daewon", "대원"), ("Sinil", "신일"),
     ("Hanmi", "한미"), ("Ilshin", "일신"), ("Samyang", "삼양"), ("Kyungdong", "경동"), ("Hyupsung", "협성"),
     ("Seoul", "서울"), ("Busan", "부산"), ("Incheon", "인천"), ("Daegu", "대구"), ("Gwangju", "광주"),
     ("Ulsan", "울산"), ("Gyeongnam", "경남"), ("Chungnam", "충남"), ("Jeonbuk", "전북"), ("Gangwon", "강원"),
     ("Hana", "하나"), ("Mirae", "미래"), ("Nuri", "누리"), ("Saerom", "새롬"), ("Green", "그린"),
     ("Global", "글로벌"), ("Star", "스타"), ("Korea", "코리아"), ("Asia", "아시아"), ("Sejong", "세종")],
    offset=10.0,
)
KR_INDUSTRY = Pool(
    [("Trading", "무역"), ("Trading", "상사"), ("Electronics", "전자"), ("Construction", "건설"),
     ("Chemical", "화학"), ("Steel", "철강"), ("Logistics", "물류"), ("Foods", "식품"), ("Textile", "섬유"),
     ("Industrial", "산업"), ("Pharmaceutical", "제약"), ("Precision", "정밀"), ("Machinery", "기계"),
     ("Engineering", "엔지니어링"), ("Shipping", "해운"), ("Auto Parts", "자동차부품"), ("Plastics", "플라스틱"),
     ("Semiconductor", "반도체"), ("Energy", "에너지"), ("Materials", "소재"), ("Telecom", "통신"),
     ("Tech", "테크"), ("Systems", "시스템"), ("Development", "개발"), ("Paper", "제지"), ("Cosmetics", "화장품"),
     ("Metal", "금속"), ("Environment", "환경"), ("Display", "디스플레이"), ("Bio", "바이오"), ("Media", "미디어"),
     ("Information & Communication", "정보통신"), ("Heavy Industries", "중공업"), ("Marine", "마린"),
     ("Motors", "모터스"), ("Design", "디자인"), ("Pharm", "팜"), ("Food Service", "푸드"),
     ("Apparel", "어패럴"), ("Furniture", "가구")],
    offset=8.0,
)
KR_HANGUL_SHARE = 0.35


def _korean_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    g = KR_GIVEN.draw_by_sex(rng, male)
    s = KR_FAMILY.draw(rng, m)
    family = KR_FAMILY.spell(rng, s, 0)
    style = _choose(rng, m, [60, 25, 15])  # Min-jun, Minjun, Min Jun
    given = KR_GIVEN.main(g, 0)
    given[style == 1] = KR_GIVEN.main(g[style == 1], 1)
    given[style == 2] = KR_GIVEN.main(g[style == 2], 2)
    kind = _choose(rng, m, [35, 25, 5, 35])  # Kim Min-jun, Min-jun Kim, KIM Min Jun, 김민준
    out = family + " " + given
    sel = kind == 1
    out[sel] = given[sel] + " " + family[sel]
    sel = kind == 2
    out[sel] = _obj(x.upper() for x in family[sel]) + " " + given[sel]
    sel = kind == 3
    out[sel] = KR_FAMILY.main(s[sel], 1) + KR_GIVEN.main(g[sel], 3)
    return out


def _korean_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    b = KR_BRANDS.draw(rng, m)
    i = KR_INDUSTRY.draw(rng, m)
    kind = _choose(rng, m, [55, 10, 15, 10, 10])  # Co., Ltd., Corp./Inc., 주식회사 after, (주) before, 주식회사 before
    out = KR_BRANDS.main(b, 0) + " " + KR_INDUSTRY.main(i, 0) + " Co., Ltd."
    sel = kind == 1
    out[sel] = (KR_BRANDS.main(b[sel], 0) + " " + KR_INDUSTRY.main(i[sel], 0) + " "
                + _pick(rng, int(sel.sum()), ["Corp.", "Corporation", "Inc."], [50, 25, 25]))
    hangul = KR_BRANDS.main(b, 1) + KR_INDUSTRY.main(i, 1)
    sel = kind == 2
    out[sel] = hangul[sel] + " 주식회사"
    sel = kind == 3
    out[sel] = "(주)" + hangul[sel]
    sel = kind == 4
    out[sel] = "주식회사 " + hangul[sel]
    return out


# --- Arabic (AE, SA, EG, JO, LB, QA, KW, MA): Latin transliterations and Arabic script -------

AR_GIVEN = Pool(
    [("Mohammed|Muhammad|Mohamed|Mohammad|Mohamad", "محمد"), ("Ahmed|Ahmad", "أحمد"), ("Ali", "علي"),
     ("Abdullah|Abdallah|Abdulla", "عبدالله"), ("Omar|Umar", "عمر"), ("Khalid|Khaled", "خالد"),
     ("Hassan|Hasan", "حسن"), ("Hussein|Hussain|Husain|Husayn", "حسين"), ("Youssef|Yousef|Yusuf", "يوسف"),
     ("Ibrahim|Ebrahim", "إبراهيم"), ("Mahmoud|Mahmud", "محمود"), ("Mustafa|Mostafa", "مصطفى"),
     ("Abdulrahman|Abdul Rahman|Abdel Rahman|Abdelrahman", "عبدالرحمن"),
     ("Abdulaziz|Abdul Aziz|Abdelaziz", "عبدالعزيز"), ("Saeed|Said|Saeid", "سعيد"), ("Saleh|Salih", "صالح"),
     ("Faisal|Faysal", "فيصل"), ("Tariq|Tarek|Tarik", "طارق"), ("Walid|Waleed", "وليد"), ("Nasser|Nasir", "ناصر"),
     ("Salem|Salim", "سالم"), ("Hamad", "حمد"), ("Hamza|Hamzah", "حمزة"), ("Yasser|Yasir", "ياسر"),
     ("Majid|Majed", "ماجد"), ("Sami|Samy", "سامي"), ("Karim|Kareem", "كريم"), ("Adel|Adil", "عادل"),
     ("Fahad|Fahd", "فهد"), ("Sultan", "سلطان"), ("Rashid|Rashed", "راشد"), ("Jamal|Gamal", "جمال"),
     ("Anas", "أنس"), ("Bilal", "بلال"), ("Ziad|Ziyad", "زياد"), ("Imad|Emad", "عماد"),
     ("Abdulkarim|Abdul Karim|Abdelkarim", "عبدالكريم"), ("Mansour|Mansur", "منصور"),
     ("Sulaiman|Suleiman|Soliman", "سليمان"), ("Othman|Osman|Uthman", "عثمان"), ("Hisham|Hicham|Hesham", "هشام"),
     ("Nabil|Nabeel", "نبيل"), ("Rachid|Rasheed", "رشيد"), ("Maher|Mahir", "ماهر"), ("Ayman|Aiman", "أيمن"),
     ("Marwan", "مروان"), ("Amr|Amro", "عمرو"), ("Saif|Seif|Sayf", "سيف")],
    [("Fatima|Fatma|Fatimah", "فاطمة"), ("Aisha|Aicha|Aysha|Ayesha", "عائشة"), ("Maryam|Mariam|Meryem", "مريم"),
     ("Noor|Nour|Nur", "نور"), ("Layla|Leila|Laila", "ليلى"), ("Huda|Hoda", "هدى"), ("Amal", "أمل"),
     ("Salma", "سلمى"), ("Reem|Rim", "ريم"), ("Sara|Sarah", "سارة"), ("Hanaa|Hana", "هناء"), ("Mona|Muna", "منى"),
     ("Rania|Ranya", "رانيا"), ("Dina", "دينا"), ("Yasmin|Yasmine|Yasmeen", "ياسمين"),
     ("Khadija|Khadijah", "خديجة"), ("Zainab|Zaynab|Zeinab", "زينب"), ("Nadia|Nadya", "نادية"),
     ("Samira|Samirah", "سميرة"), ("Lina|Leena", "لينا"), ("Hind", "هند"), ("Ghada", "غادة"),
     ("Asma|Asmaa", "أسماء"), ("Rana", "رنا"), ("Noura|Nora|Nourah", "نورة"), ("Shaimaa|Shaima|Chaimae", "شيماء"),
     ("Iman|Eman|Imane", "إيمان"), ("Souad|Suad", "سعاد"), ("Hanan", "حنان"), ("Lamia|Lamya", "لمياء")],
    offset=5.0,
)
_AR_GULF = [
    ("Harbi", "الحربي"), ("Otaibi|Utaybi", "العتيبي"), ("Qahtani", "القحطاني"), ("Ghamdi", "الغامدي"),
    ("Zahrani", "الزهراني"), ("Shammari", "الشمري"), ("Dosari|Dawsari", "الدوسري"), ("Mutairi", "المطيري"),
    ("Anazi|Enezi", "العنزي"), ("Shehri", "الشهري"), ("Maliki", "المالكي"), ("Hashimi", "الهاشمي"),
    ("Mansouri|Mansoori", "المنصوري"), ("Nuaimi", "النعيمي"), ("Ali", "العلي"), ("Hammadi", "الحمادي"),
    ("Mazrouei|Mazroui", "المزروعي"), ("Suwaidi", "السويدي"), ("Kaabi", "الكعبي"), ("Shamsi", "الشامسي"),
    ("Balushi|Blooshi", "البلوشي"), ("Marri", "المري"), ("Kuwari", "الكواري"), ("Dhaheri", "الظاهري"),
    ("Falasi", "الفلاسي"), ("Ketbi", "الكتبي"), ("Jaber", "الجابر"), ("Subaie", "السبيعي"), ("Rashidi", "الرشيدي"),
    ("Hajri", "الهاجري"), ("Yami", "اليامي"), ("Khaldi", "الخالدي"), ("Azmi", "العزمي"), ("Ajmi", "العجمي"),
    ("Sulaiti", "السليطي"), ("Muhannadi", "المهندي"), ("Amri", "العامري"), ("Rumaithi", "الرميثي"),
]


def _al_spellings(base: str) -> str:
    """"Harbi|Utaybi" -> "Al-Harbi|Al Harbi|Alharbi|Al-Utaybi|Al Utaybi|Alutaybi"."""
    return "|".join(f"{form}" for b in base.split("|") for form in (f"Al-{b}", f"Al {b}", f"Al{b.lower()}"))


AR_GULF_FAMILY = Pool([(_al_spellings(b), a) for b, a in _AR_GULF], offset=8.0)
AR_LEVANT_FAMILY = Pool(
    [("Hassan|Hasan", "حسن"), ("Ibrahim", "إبراهيم"), ("Mahmoud|Mahmud", "محمود"), ("Haddad", "حداد"),
     ("Khoury|Khouri|El Khoury", "خوري"), ("Nasser|Naser", "ناصر"), ("Mansour|Mansur", "منصور"),
     ("Khalil", "خليل"), ("Hamdan", "حمدان"), ("Darwish|Darwich", "درويش"), ("Najjar|Al-Najjar|El Naggar", "النجار"),
     ("El-Masry|Al-Masri|Elmasry", "المصري"), ("El-Sayed|Elsayed|Al-Sayed", "السيد"), ("Mostafa|Mustafa", "مصطفى"),
     ("Abdelaziz|Abdel Aziz", "عبدالعزيز"), ("Soliman|Suleiman|Sulaiman", "سليمان"), ("Osman|Othman", "عثمان"),
     ("Salama|Salameh", "سلامة"), ("Zaki", "زكي"), ("Fahmy|Fahmi", "فهمي"), ("Kamal", "كمال"),
     ("Ramadan", "رمضان"), ("Hegazy|Hijazi", "حجازي"), ("Youssef|Yousef", "يوسف"), ("Farouk|Farouq", "فاروق"),
     ("Saleh|Salih", "صالح"), ("Amin|Amine", "أمين"), ("Abdallah|Abdullah", "عبدالله"), ("Shaker|Shakir", "شاكر"),
     ("Awad", "عوض"), ("Saad", "سعد"), ("Ismail", "إسماعيل"), ("Gaber|Jaber", "جابر"), ("Sabry|Sabri", "صبري"),
     ("Rizk|Rizq", "رزق"), ("Tawfik|Tawfiq", "توفيق"), ("Nassar", "نصار"), ("Azzam", "عزام"),
     ("Khatib|Al-Khatib|El Khatib", "الخطيب"), ("Sharif|El-Sherif", "الشريف"), ("Fares|Faris", "فارس"),
     ("Atallah", "عطا الله"), ("Hamoud|Hammoud", "حمود"), ("Aziz", "عزيز"), ("Samaha", "سماحة")],
    offset=8.0,
)
AR_MAGHREB_FAMILY = Pool(
    [("El Alaoui|Alaoui", "العلوي"), ("Bennani", "بناني"), ("Tazi", "التازي"), ("El Idrissi|Idrissi", "الإدريسي"),
     ("Berrada", "برادة"), ("Chraibi", "الشرايبي"), ("Benjelloun", "بنجلون"), ("El Amrani|Amrani", "العمراني"),
     ("Benali|Ben Ali", "بنعلي"), ("Bouazza", "بوعزة"), ("El Fassi|Fassi", "الفاسي"), ("Lahlou", "لحلو"),
     ("Ouazzani|El Ouazzani", "الوزاني"), ("Cherkaoui", "الشرقاوي"), ("El Mansouri", "المنصوري"),
     ("Bouzidi", "البوزيدي"), ("El Hajji|Hajji", "الحجي"), ("Naciri", "الناصري"), ("Sqalli", "الصقلي"),
     ("Benmoussa", "بنموسى"), ("Kettani", "الكتاني"), ("El Filali|Filali", "الفيلالي"), ("Tahiri", "الطاهري"),
     ("Ziani", "الزياني"), ("Bensaid", "بنسعيد"), ("Rachidi", "الرشيدي")],
    offset=8.0,
)
AR_BRANDS = Pool(
    ["Al Noor|Al-Noor|Al Nour", "Al Amal|Al-Amal", "Al Safa|Al-Safa", "Al Rawabi", "Al Waha", "Al Majd",
     "Al Khaleej|Al-Khalij", "Al Yasmeen|Al Yasmin", "Al Manara", "Al Wadi", "Al Marwa", "Al Shams", "Al Sahra",
     "Al Bahar", "Al Diyar", "Al Nakheel", "Al Zahra", "Al Reem", "Al Sharq", "Golden Falcon", "Blue Pearl",
     "Green Oasis", "Desert Pearl", "Emirates Star", "Gulf Star", "Arabian Gulf", "Red Sea", "Nile Valley",
     "Cedars", "Atlas", "Al Fares", "Al Jawhara", "Al Bustan", "Al Madina", "Al Andalus", "Al Shorouk",
     "Al Nahda", "Al Masa", "Al Saqr", "Sahara", "Falcon", "Silver Sand", "Royal Palm", "Crystal Sea"],
    offset=12.0,
)
AR_INDUSTRY = Pool(
    ["General Trading", "Trading", "Contracting", "Real Estate", "Logistics", "Foodstuff Trading",
     "Building Materials", "Electromechanical", "Technical Services", "Travel & Tourism", "Auto Spare Parts",
     "Perfumes", "Textiles", "Jewellery", "Marine Services", "Medical Equipment", "Printing & Packaging",
     "Cleaning Services", "IT Solutions", "Engineering Consultants", "Furniture", "Restaurant",
     "Catering Services", "Investment", "Holding", "Development", "Interior Decoration", "Security Services",
     "Transport", "Car Rental", "Import & Export", "Mobile Phones", "Electronics", "Garments", "Spices",
     "Air Conditioning", "Steel Fabrication", "Landscaping", "Advertising", "Pharmacy"],
    offset=10.0,
)
AR_FORMS = {
    "AE": (["LLC", "L.L.C.", "FZE", "FZCO", "FZ-LLC", "Est."], [45, 15, 15, 10, 5, 10]),
    "SA": (["Co.", "Est.", "LLC", "Co. Ltd."], [35, 25, 20, 20]),
    "EG": (["S.A.E.", "LLC", "Co."], [40, 40, 20]),
    "JO": (["LLC", "Co.", "PLC"], [60, 20, 20]),
    "LB": (["S.A.L.", "SARL"], [60, 40]),
    "QA": (["W.L.L.", "LLC"], [70, 30]),
    "KW": (["W.L.L.", "K.S.C.C."], [70, 30]),
    "MA": (["SARL", "S.A.", "SARL AU"], [60, 25, 15]),
}
_AR_GULF_COUNTRIES = ("AE", "SA", "QA", "KW")
AR_SCRIPT_SHARE = 0.15


def _arabic_families(rng: np.random.Generator, country: Array) -> tuple[Array, Array]:
    """Family names from the country's region (Gulf, Maghreb, else Egypt and the Levant): Latin, Arabic."""
    region = np.where(np.isin(country, _AR_GULF_COUNTRIES), 0, np.where(country == "MA", 2, 1))
    latin = np.empty(len(country), dtype=object)
    arabic = np.empty(len(country), dtype=object)
    for r, pool in enumerate((AR_GULF_FAMILY, AR_LEVANT_FAMILY, AR_MAGHREB_FAMILY)):
        sel = region == r
        idx = pool.draw(rng, int(sel.sum()))
        latin[sel] = pool.spell(rng, idx, 0)
        arabic[sel] = pool.main(idx, 1)
    return latin, arabic


def _arabic_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    g = AR_GIVEN.draw_by_sex(rng, male)
    f = AR_GIVEN.draw(rng, m, 0)  # the father
    gulf = np.isin(country, _AR_GULF_COUNTRIES)
    latin_family, arabic_family = _arabic_families(rng, country)
    arabic = rng.random(m) < AR_SCRIPT_SHARE
    # given family / given father family / given bin(t) father family (Gulf only)
    kind = np.where(gulf, _choose(rng, m, [40, 30, 30]), _choose(rng, m, [50, 50, 0]))
    given = AR_GIVEN.spell(rng, g, 0)
    father = AR_GIVEN.spell(rng, f, 0)
    bin_ = np.where(male, _pick(rng, m, ["bin", "Bin", "ibn"], [75, 15, 10]), "bint")
    out = given + " " + latin_family
    sel = kind == 1
    out[sel] = given[sel] + " " + father[sel] + " " + latin_family[sel]
    sel = kind == 2
    out[sel] = given[sel] + " " + bin_[sel] + " " + father[sel] + " " + latin_family[sel]
    a_given, a_father = AR_GIVEN.main(g, 1), AR_GIVEN.main(f, 1)
    a_bin = np.where(male, "بن", "بنت")
    a_out = a_given + " " + arabic_family
    sel = kind == 1
    a_out[sel] = a_given[sel] + " " + a_father[sel] + " " + arabic_family[sel]
    sel = kind == 2
    a_out[sel] = a_given[sel] + " " + a_bin[sel] + " " + a_father[sel] + " " + arabic_family[sel]
    out[arabic] = a_out[arabic]
    return out


def _arabic_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    brand = AR_BRANDS.spell(rng, AR_BRANDS.draw(rng, m))
    family, _ = _arabic_families(rng, country)
    industry = AR_INDUSTRY.main(AR_INDUSTRY.draw(rng, m))
    head = np.where(rng.random(m) < 0.8, brand, family)
    return head + " " + industry + " " + _by_country(rng, country, AR_FORMS)


# --- Turkish (TR) ---------------------------------------------------------------------------

TR_GIVEN = Pool(
    ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf", "Murat",
     "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Salih", "Kemal", "Recep", "Emre", "Burak",
     "Can", "Cem", "Serkan", "Oğuz", "Kaan", "Emir", "Eren", "Berk", "Tolga", "Volkan", "Onur", "Uğur",
     "Barış", "Hakan", "Erkan", "Orhan", "Cengiz", "Selim", "Enes", "Furkan", "Yiğit", "Arda", "Fatih",
     "Kadir", "Metin", "Sinan", "Levent", "Tuncay"],
    ["Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan", "Hanife",
     "Merve", "Özlem", "Esra", "Büşra", "Gül", "Derya", "Ebru", "Aylin", "Seda", "Selin", "Ece", "Defne", "Nur",
     "Yasemin", "Hülya", "Sevgi", "Gülşen", "Dilek", "Tuğba", "Pınar", "Songül", "Leyla", "Filiz", "Sibel",
     "Gamze", "Kübra", "Aslı", "Melek", "Nazlı", "Deniz", "Eda", "İrem", "Ceren", "Damla"],
    offset=8.0,
)
TR_FAMILY = Pool(
    ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
     "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Özcan",
     "Korkmaz", "Çakır", "Erdem", "Yavuz", "Can", "Acar", "Şen", "Aktaş", "Güler", "Yalçın", "Güneş",
     "Bozkurt", "Bulut", "Keskin", "Ünal", "Turan", "Gül", "Özer", "Işık", "Kaplan", "Avcı", "Sarı", "Tekin",
     "Taş", "Köse", "Yüksel", "Ateş", "Aksoy", "Ak", "Uçar", "Tunç", "Karataş", "Kocabaş", "Altun", "Erdoğdu",
     "Akın", "Sezer", "Duman", "Önal", "Bayram", "Çiftçi", "Uysal", "Toprak"],
    offset=8.0,
)
TR_BRANDS = Pool(
    ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya", "Konya", "Adana", "Gaziantep", "Kayseri", "Mersin",
     "Eskişehir", "Denizli", "Samsun", "Trabzon", "Kocaeli", "Sakarya", "Manisa", "Ege", "Marmara", "Akdeniz",
     "Karadeniz", "Anadolu", "Boğaziçi", "Toros", "Uludağ", "Erciyes", "Yıldız", "Güneş", "Doğu", "Batı",
     "Kuzey", "Güney", "Özgür", "Birlik", "Altın", "Yeşil", "Mavi", "Deniz", "Umut", "Başak", "Çınar",
     "Kartal", "Ata", "Nur", "Işık", "Gökkuşağı", "Akdağ", "Yeni", "Öz", "Tek"],
    offset=12.0,
)
TR_INDUSTRY = Pool(
    ["İnşaat", "Tekstil", "Gıda", "Otomotiv", "Lojistik", "Enerji", "Makine", "Kimya", "Turizm", "Mobilya",
     "Plastik", "Elektrik", "Elektronik", "Metal", "Demir Çelik", "Yapı", "Madencilik", "Tarım", "Ambalaj",
     "Medikal", "Yazılım", "Nakliyat", "Dış Ticaret", "Hazır Giyim", "Bilişim", "Danışmanlık", "Emlak",
     "Gayrimenkul", "Akaryakıt", "Kağıt", "Cam", "Seramik", "Mermer", "Kozmetik", "İlaç", "Tıbbi Cihaz",
     "Reklam", "Matbaa", "Taşımacılık", "Otomasyon", "Mühendislik", "Hırdavat", "Ayakkabı", "Deri", "Halı",
     "Un", "Süt Ürünleri", "Et Ürünleri", "Tekstil ve Konfeksiyon", "Isı Sistemleri"],
    offset=10.0,
)
TR_FOLD_SHARE = 0.15


def _turkish_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    given = TR_GIVEN.main(TR_GIVEN.draw_by_sex(rng, male))
    second = TR_GIVEN.main(TR_GIVEN.draw_by_sex(rng, male))
    family = TR_FAMILY.main(TR_FAMILY.draw(rng, m))
    out = given + _opt((rng.random(m) < 0.15) & (second != given), second) + " " + family
    return _fold_some(rng, out, TR_FOLD_SHARE, _fold_latin)


def _turkish_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    head = np.where(rng.random(m) < 0.6, TR_BRANDS.main(TR_BRANDS.draw(rng, m)),
                    TR_FAMILY.main(TR_FAMILY.draw(rng, m)))
    industry = TR_INDUSTRY.main(TR_INDUSTRY.draw(rng, m))
    middle = _pick(rng, m, ["", " Sanayi ve Ticaret", " San. ve Tic.", " Ticaret", " İthalat İhracat"],
                   [35, 30, 20, 10, 5])
    form = _pick(rng, m, ["A.Ş.", "Ltd. Şti."], [45, 55])
    out = head + " " + industry + middle + " " + form
    return _fold_some(rng, out, TR_FOLD_SHARE, _fold_latin)


# --- Indian (IN) ----------------------------------------------------------------------------

IN_GIVEN = Pool(
    ["Rahul", "Amit", "Rajesh", "Suresh", "Ramesh", "Sanjay", "Vijay", "Anil", "Sunil", "Ashok", "Deepak",
     "Manoj", "Arun", "Ravi", "Vikram", "Rohit", "Ajay", "Sandeep", "Pradeep", "Mahesh", "Ganesh", "Krishna",
     "Srinivas", "Venkatesh", "Prakash", "Naveen", "Arjun", "Karthik", "Aditya", "Nikhil", "Harish", "Gaurav",
     "Ankit", "Abhishek", "Vivek", "Sachin", "Rakesh", "Mukesh", "Dinesh", "Anand", "Mohan", "Gopal", "Raj",
     "Kiran", "Imran", "Irfan", "Mohammed", "Gurpreet", "Harpreet", "Manish"],
    ["Priya", "Pooja", "Anjali", "Neha", "Sunita", "Anita", "Kavita", "Rekha", "Lakshmi", "Deepa", "Meena",
     "Geeta", "Sneha", "Divya", "Swati", "Shweta", "Nisha", "Asha", "Radha", "Sita", "Usha", "Preeti",
     "Shalini", "Aishwarya", "Kavya", "Ananya", "Shreya", "Ritu", "Nandini", "Padma", "Savita", "Rani",
     "Jyoti", "Pallavi", "Manisha", "Archana", "Poonam", "Sarita", "Farah", "Simran"],
    offset=10.0,
)
IN_FAMILY = Pool(
    ["Sharma", "Kumar", "Singh", "Patel", "Gupta", "Verma", "Shah", "Reddy", "Rao", "Nair", "Iyer", "Menon",
     "Pillai", "Das", "Dutta", "Chatterjee", "Banerjee", "Mukherjee", "Bose", "Ghosh", "Sen", "Joshi", "Desai",
     "Mehta", "Agarwal", "Jain", "Kapoor", "Malhotra", "Khanna", "Chopra", "Bhatia", "Saxena", "Srivastava",
     "Mishra", "Pandey", "Tiwari", "Dubey", "Yadav", "Chauhan", "Thakur", "Naidu", "Krishnan", "Subramanian",
     "Srinivasan", "Choudhary", "Kulkarni", "Deshpande", "Patil", "Pawar", "Shetty", "Hegde", "Bhat", "Gill",
     "Sandhu", "Sidhu", "Khan", "Ahmed", "Ansari", "Qureshi", "Sheikh", "Varghese", "Fernandes", "D'Souza"],
    offset=8.0,
)
IN_BRANDS = Pool(
    ["Shree Ganesh", "Sai", "Shri Balaji", "Krishna", "Laxmi", "Om Sai", "Bharat", "Hind", "Ganga", "Kaveri",
     "Himalaya", "Indus", "Deccan", "Coastal", "Konark", "Sahyadri", "Ashoka", "Mahalaxmi", "Vishal",
     "Siddhivinayak", "Sunrise", "Global", "Apex", "Supreme", "Royal", "Star", "Galaxy", "Prime", "Elite",
     "Omega", "Trident", "Jyoti", "Shakti", "Navbharat", "Annapurna", "Durga", "Vinayak", "Saraswati",
     "Tirupati", "Shiv Shakti", "Aditya", "Surya", "Chandra", "Kamdhenu", "Mangalam", "Swastik", "Pioneer",
     "Zenith", "Pinnacle", "Mumbai", "Delhi", "Chennai", "Kolkata", "Pune", "Hyderabad", "Bangalore",
     "Ahmedabad", "Surat", "Jaipur", "Coimbatore"],
    offset=12.0,
)
IN_INDUSTRY = Pool(
    ["Textiles", "Pharmaceuticals", "Infotech", "Software Solutions", "Engineering", "Exports", "Industries",
     "Steels", "Polymers", "Chemicals", "Agro Foods", "Constructions", "Infrastructure", "Logistics",
     "Enterprises", "Traders", "Motors", "Auto Components", "Garments", "Jewellers", "Electricals", "Builders",
     "Technologies", "Fabrics", "Spinning Mills", "Packaging", "Healthcare", "Castings", "Forgings", "Cables",
     "Paper Mills", "Ceramics", "Fertilizers", "Seeds", "Impex", "Overseas", "Ventures", "Realty", "Finance",
     "Hotels", "Travels", "Food Products", "Plastics", "Machine Tools", "Metals", "Alloys", "Pumps", "Tea",
     "Spices", "Solar"],
    offset=10.0,
)
IN_FORMS = {"IN": (["Private Limited", "Pvt. Ltd.", "Pvt Ltd", "Limited", "LLP"], [35, 25, 15, 15, 10])}


def _indian_persons(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    male = _sexes(rng, m)
    given = IN_GIVEN.main(IN_GIVEN.draw_by_sex(rng, male))
    family = IN_FAMILY.main(IN_FAMILY.draw(rng, m))
    family[~male & (family == "Singh")] = "Kaur"
    middle = _opt(male & (rng.random(m) < 0.15) & (family != "Kumar"), np.full(m, "Kumar", dtype=object))
    return given + middle + " " + family


def _indian_organizations(rng: np.random.Generator, country: Array) -> Array:
    m = len(country)
    head = np.where(rng.random(m) < 0.7, IN_BRANDS.main(IN_BRANDS.draw(rng, m)),
                    IN_FAMILY.main(IN_FAMILY.draw(rng, m)))
    industry = IN_INDUSTRY.main(IN_INDUSTRY.draw(rng, m))
    return head + " " + industry + " " + _by_country(rng, country, IN_FORMS)


# --- cultures and legal forms ---------------------------------------------------------------

@dataclass(frozen=True)
class Culture:
    """A naming culture: its share of customers, countries and name generators."""

    name: str
    weight: float  # relative share of all customers
    countries: dict[str, float]  # ISO alpha-2 -> relative share within the culture
    persons: Callable[[np.random.Generator, Array], Array]  # (rng, countries) -> names
    organizations: Callable[[np.random.Generator, Array], Array]


CULTURES: dict[str, Culture] = {c.name: c for c in [
    Culture("english", 22, {"US": 65, "GB": 35}, _english_persons, _english_organizations),
    Culture("german", 10, {"DE": 80, "AT": 10, "CH": 10}, _german_persons, _german_organizations),
    Culture("french", 8, {"FR": 85, "BE": 15}, _french_persons, _french_organizations),
    Culture("spanish", 12, {"ES": 30, "MX": 30, "AR": 12, "CO": 12, "CL": 8, "PE": 8},
            _spanish_persons, _spanish_organizations),
    Culture("russian", 8, {"RU": 90, "KZ": 10}, _russian_persons, _russian_organizations),
    Culture("chinese", 10, {"CN": 100}, _chinese_persons, _chinese_organizations),
    Culture("japanese", 5, {"JP": 100}, _japanese_persons, _japanese_organizations),
    Culture("korean", 4, {"KR": 100}, _korean_persons, _korean_organizations),
    Culture("arabic", 9, {"AE": 25, "SA": 25, "EG": 20, "JO": 8, "LB": 5, "QA": 5, "KW": 5, "MA": 7},
            _arabic_persons, _arabic_organizations),
    Culture("turkish", 5, {"TR": 100}, _turkish_persons, _turkish_organizations),
    Culture("indian", 7, {"IN": 100}, _indian_persons, _indian_organizations),
]}


def _legal_forms() -> dict[str, tuple[str, ...]]:
    """Country -> every legal form its organizations may carry (first or last), diacritics folded too."""
    forms: dict[str, list[str]] = {}
    tables = [EN_FORMS, DE_FORMS, FR_FORMS, ES_FORMS, RU_LATIN_PREFIX_FORMS, RU_LATIN_SUFFIX_FORMS,
              RU_CYRILLIC_FORMS, AR_FORMS, IN_FORMS]
    for table in tables:
        for code, (names, _) in table.items():
            forms.setdefault(code, []).extend(names)
    forms["CN"] = CN_LATIN_FORMS[0] + CN_HAN_FORMS[0]
    forms["JP"] = ["Kabushiki Kaisha", "K.K.", "Co., Ltd.", "株式会社", "有限会社", "合同会社"]
    forms["KR"] = ["Co., Ltd.", "Corp.", "Corporation", "Inc.", "주식회사", "(주)"]
    forms["TR"] = ["A.Ş.", "Ltd. Şti."]
    return {code: tuple(dict.fromkeys([*names, *map(_fold_latin, names), *map(_fold_german, names)]))
            for code, names in forms.items()}


LEGAL_FORMS: dict[str, tuple[str, ...]] = _legal_forms()


# --- generation -----------------------------------------------------------------------------

def _block(seed: int, index: int) -> dict[str, Array]:
    """BLOCK_SIZE rows from a Generator seeded with (seed, index)."""
    rng = np.random.default_rng([seed, index])
    size = BLOCK_SIZE
    cultures = list(CULTURES.values())
    culture = _choose(rng, size, [c.weight for c in cultures])
    org = rng.random(size) < ORG_SHARE
    name = np.empty(size, dtype=object)
    country = np.empty(size, dtype=object)
    for k, c in enumerate(cultures):
        sel = culture == k
        codes = _pick(rng, int(sel.sum()), list(c.countries), list(c.countries.values()))
        country[sel] = codes
        is_org = org[sel]
        part = np.empty(len(codes), dtype=object)
        part[~is_org] = c.persons(rng, codes[~is_org])
        part[is_org] = c.organizations(rng, codes[is_org])
        name[sel] = part
    upper = rng.random(size) < UPPER_SHARE
    name[upper] = _obj(s.upper() for s in name[upper])

    # adults: 18 + a gamma-distributed excess (mean age 46, sd 16); the rare excess over 80
    # years is redrawn uniformly rather than capped, so no date piles up at a cut-off
    excess = rng.gamma(3.0, 28.0 / 3.0, size)
    excess = np.where(excess < 80.0, excess, rng.uniform(0.0, 80.0, size))
    age_days = ((18.0 + excess) * 365.25).astype(np.int64)
    dates = np.datetime_as_string(_REFERENCE_DAY - age_days.astype("timedelta64[D]"), unit="D").astype(object)
    dated = ~org & (rng.random(size) < BIRTH_DATE_SHARE)
    birth_date = np.where(dated, dates, "").astype(object)
    schema = np.where(org, "Organization", "Person").astype(object)
    return {"name": name, "schema": schema, "country": country, "birth_date": birth_date}


def generate(n: int, seed: int = 0) -> pd.DataFrame:
    """n synthetic customers: customer_id, name, schema, country, birth_date (all str, "" when unknown).

    Deterministic in (n, seed), and the first k rows of generate(n, seed) are generate(k, seed).
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    blocks = [_block(seed, b) for b in range(-(-n // BLOCK_SIZE))]
    columns = {key: (np.concatenate([b[key] for b in blocks])[:n] if blocks else np.empty(0, dtype=object))
               for key in ("name", "schema", "country", "birth_date")}
    ids = _obj(f"S{i:07d}" for i in range(1, n + 1))
    return pd.DataFrame({"customer_id": ids, **columns}, columns=COLUMNS)


# --- command line ---------------------------------------------------------------------------

def write(frame: pd.DataFrame, path: Path) -> None:
    """Write CSV (.csv, .csv.gz, ...) or Parquet (.parquet, .pq) by the file name's extension."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".parquet", ".pq"):
        frame.to_parquet(path, index=False)
    elif ".csv" in suffixes:
        frame.to_csv(path, index=False)
    else:
        raise ValueError(f"cannot tell the format of {path}: use a .csv or .parquet extension")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of customers")
    parser.add_argument("-o", "--output", type=Path, required=True, help="output file, .csv or .parquet")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.n < 0 or args.seed < 0:
        print("error: N and --seed must be >= 0", file=sys.stderr)
        return 2
    start = time.perf_counter()
    frame = generate(args.n, args.seed)
    try:
        write(frame, args.output)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(frame):,} customers to {args.output} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
