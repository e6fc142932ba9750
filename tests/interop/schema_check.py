"""Validates annotation files (TOML, parsed with Python's tomllib) against the JSON Schema of the
annotation format with the `jsonschema` package: prints `valid PATH` or `invalid PATH: reason`
for each file. Usage: schema_check.py SCHEMA.json FILE.toml..."""
import json
import sys
import tomllib

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
validator.check_schema(schema)
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        print(f"invalid {path}: {errors[0].message}")
    else:
        print(f"valid {path}")
