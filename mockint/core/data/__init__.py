"""Below everything: errors, languages, paths and files, YAML reading and validation, the string catalogue."""
