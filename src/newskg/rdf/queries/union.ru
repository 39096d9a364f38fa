# The default graph made the union of the named graphs, each statement once.
INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
