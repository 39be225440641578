#!/usr/bin/env python3
"""Validates JSON documents or JSON Lines against one of the schemas in this folder.

Usage: validate.py SCHEMA FILE...   (a FILE ending in .jsonl is read a record a line)
Exit status 0 when every document is valid; 1 with one line a problem otherwise.
"""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

HERE = pathlib.Path(__file__).resolve().parent


def registry():
    resources = []
    for path in HERE.glob("*.schema.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["$id"], Resource.from_contents(schema)))
        resources.append((path.name, Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    schema = json.loads((HERE / sys.argv[1]).read_text())
    validator = Draft202012Validator(schema, registry=registry())
    problems = 0
    checked = 0
    for name in sys.argv[2:]:
        text = pathlib.Path(name).read_text()
        documents = [line for line in text.splitlines() if line.strip()] if name.endswith(".jsonl") else [text]
        for number, document in enumerate(documents, 1):
            checked += 1
            try:
                instance = json.loads(document)
            except json.JSONDecodeError as error:
                print(f"{name}:{number}: not JSON: {error}")
                problems += 1
                continue
            for error in validator.iter_errors(instance):
                print(f"{name}:{number}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
                problems += 1
    print(f"{checked} documents checked, {problems} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
