"""What newskg knows before it reads: the ontology's word lists (`lexicon`), place and country names
(`gazetteer`) and plain-text tests on names (`names`). No spaCy, no rdflib."""
