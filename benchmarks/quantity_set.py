"""Value and value+unit precision, recall and F1 of quantity extraction on a public news quantity set.

    python benchmarks/quantity_set.py NewsQuant.json

The file is the NewsQuant test set of the CQE paper (a JSON list of {"text", "quantities":
[{"value", "normalized_unit"}]}), which is not shipped here. Each sentence is parsed on its
own and every quantity `find_quantities` finds is compared with the annotated ones, each
annotation matched at most once, as CQE's own evaluation does. A value matches when it is
equal (a range when both bounds are); a unit when newskg's currency, unit name or counted
noun, mapped to the set's vocabulary, equals the annotated unit (for a count, its last word).

benchmarks/quantity_probe.json is a small stand-in in the same format: news sentences written for this
project (none taken from an article), each with a "class" naming the construction it tries, read the same way.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from newskg.extract.dates import find_times
from newskg.extract.quantities import find_quantities
from newskg.knowledge.lexicon import load_lexicon
from newskg.model import Quantity
from newskg.nlp import load_pipeline

_CURRENCIES = {
    "USD": "dollar",
    "EUR": "euro",
    "GBP": "pound sterling",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "INR": "indian rupee",
    "ILS": "shekel",
    "HKD": "hong kong dollar",
    "NZD": "new zealand dollar",
    "MYR": "malaysian ringgit",
}
_UNITS = {"percent": "percentage", "degree celsius": "celsius", "degree fahrenheit": "fahrenheit"}
Value = float | tuple[float, float]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    items = json.loads(parser.parse_args().path.read_text(encoding="utf-8"))
    nlp, lexicon = load_pipeline(), load_lexicon()
    gold_count = found_count = value_right = unit_right = 0
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items), strict=True):
        dates = [expr.span for expr in find_times(item["text"], None)]
        found = [f.quantity for f in find_quantities(doc, lexicon, dates)]
        gold_count, found_count = gold_count + len(item["quantities"]), found_count + len(found)
        for annotation in item["quantities"]:
            match = next((q for q in found if _same_value(_gold_value(annotation["value"]), _value(q))), None)
            if match is not None:
                found.remove(match)
                value_right += 1
                unit_right += _same_unit(annotation["normalized_unit"].lower(), match)
    print(f"{len(items)} sentences, {gold_count} annotated quantities, {found_count} found")
    for name, right in (("value", value_right), ("value+unit", unit_right)):
        precision, recall = right / found_count, right / gold_count
        print(f"{name:<11} P {precision:.3f}  R {recall:.3f}  F1 {2 * precision * recall / (precision + recall):.3f}")


def _gold_value(text: str) -> Value:
    low, dash, high = text[1:].partition("-")
    return (float(text[0] + low), float(high)) if dash and "E" not in text else float(text)


def _value(quantity: Quantity) -> Value:
    if quantity.max_value is not None and quantity.min_value is not None:
        return (float(quantity.min_value), float(quantity.max_value))
    return float(quantity.value)


def _same_value(gold: Value, found: Value) -> bool:
    if isinstance(gold, tuple) and isinstance(found, tuple):
        return all(math.isclose(a, b, rel_tol=1e-5) for a, b in zip(gold, found, strict=True))
    return not isinstance(gold, tuple) and not isinstance(found, tuple) and math.isclose(gold, found, rel_tol=1e-5)


def _same_unit(gold: str, quantity: Quantity) -> bool:
    if quantity.currency:
        return _CURRENCIES.get(quantity.currency, quantity.currency.lower()) == gold
    name = quantity.unit_text.split(" of ")[0]
    if quantity.unit_code:
        return _UNITS.get(name, name).lower() == gold
    return _last_word(name) == _last_word(gold)


def _last_word(text: str) -> str:
    words = text.split()
    word = words[-1] if words else ""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


if __name__ == "__main__":
    main()
