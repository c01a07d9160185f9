"""The `argmap` command (also `python -m app`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from app.config import settings
from app.exports.registry import names as export_format_names

cli = typer.Typer(
    help="argmap: a source-anchored argument map of two papers.", no_args_is_help=True, add_completion=False
)

DataDir = Annotated[Path, typer.Option(help="The data directory.")]
EXPORT_FORMATS = export_format_names()  # graph.json is node-link; /export lists every format


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes (use PostgreSQL for more than one).")] = 1,
) -> None:
    """Serve the web app (loads the data on start if they changed)."""
    import os

    import uvicorn

    if reload:
        os.environ["ARGMAP_TEMPLATE_RELOAD"] = "1"  # the server process reads it: edited templates show at once
    uvicorn.run("app.main:app", host=host, port=port, reload=reload, workers=workers, **serve_options())


def serve_options() -> dict[str, Any]:
    """What `argmap serve` gives uvicorn besides the address (bench/serving.py measures the same)."""
    from app.web.request_log import serve_logging_config

    return {
        "proxy_headers": True,
        "access_log": False,  # app/web/request_log.py writes one line per request
        "log_config": serve_logging_config(),
        # a header timeout (app/web/serve_protocol.py) and a bound on connections (503 beyond it)
        "http": "app.web.serve_protocol:HeaderTimeoutProtocol",
        "limit_concurrency": settings.max_connections,
        "timeout_keep_alive": 5,
    }


@cli.command()
def validate(data_dir: DataDir = settings.data_dir) -> None:
    """Check every data file; print counts per paper and per layer, or every problem."""
    from app.dataset.loader import LoadError, read_dataset

    try:
        dataset = read_dataset(data_dir)
    except LoadError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(error.problems)} problem(s); nothing loaded.", err=True)
        raise typer.Exit(1) from None
    counts = dataset.counts()
    typer.echo(f"dataset {dataset.full_version}: valid")
    for paper, figures in counts["papers"].items():
        typer.echo(f"  {paper}: " + ", ".join(f"{v} {k}" for k, v in figures.items()))
    typer.echo("  layers: " + ", ".join(f"{k} {v}" for k, v in counts["layers"].items()))
    typer.echo(f"  tours: {counts['tours']}")


@cli.command()
def build(data_dir: DataDir = settings.data_dir) -> None:
    """Validate the data and write them to the database (all or nothing)."""
    from sqlalchemy.exc import DBAPIError

    from app.database.engine import create_tables, engine_from_settings
    from app.dataset.load_lock import load_lock
    from app.dataset.loader import LoadError, load

    engine = engine_from_settings()
    try:
        with load_lock(engine):  # another build, or a server starting, waits its turn
            create_tables(engine)
            dataset = load(engine, data_dir)
    except LoadError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo("nothing written; the database keeps its previous data.", err=True)
        raise typer.Exit(1) from None
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
        typer.echo(f"database error: {reason}", err=True)
        typer.echo("nothing written; the database keeps its previous data.", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"built dataset {dataset.full_version} into {engine.url.render_as_string(hide_password=True)}")


@cli.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    paper: Annotated[str | None, typer.Option(help="Keep one paper (as ?paper=).")] = None,
    layers: Annotated[str | None, typer.Option(help="Layers to keep, comma-separated (as ?layers=).")] = None,
    concept: Annotated[str | None, typer.Option(help="Keep a concept's neighbourhood (as ?concept=).")] = None,
    data_dir: DataDir = settings.data_dir,
) -> None:
    """Write an export (the same bytes as /export/… serves with the same filters)."""
    from app.database.engine import create_tables, engine_from_settings
    from app.dataset.loader import LoadError, load_if_changed
    from app.exports.registry import BY_NAME
    from app.exports.run import check_filters, chunks, context_for
    from app.read.snapshot import read_snapshot
    from app.web.errors import BadParameter, NotFound

    if format not in BY_NAME:
        typer.echo(f"unknown format {format!r}; choose one of: {', '.join(EXPORT_FORMATS)}", err=True)
        raise typer.Exit(2)
    fmt = BY_NAME[format]
    engine = engine_from_settings()
    create_tables(engine)
    try:
        load_if_changed(engine, data_dir)
    except LoadError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    snapshot = read_snapshot(engine)  # the graph is built on first use: the export reads nothing else
    try:
        filters = check_filters(snapshot, paper, [layers] if layers else None, concept)
    except (NotFound, BadParameter) as error:
        typer.echo(f"--{error.what if isinstance(error, NotFound) else error.name}: {error}", err=True)
        raise typer.Exit(2) from None
    ctx = context_for(snapshot, fmt, filters, settings.public_base_url())
    # Streamed chunk by chunk, as the server sends them: a large map is never held whole.
    if output:
        with output.open("wb") as target:
            for chunk in chunks(fmt, ctx):
                target.write(chunk)
    else:
        for chunk in chunks(fmt, ctx):
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()


@cli.command()
def synth(
    scale: Annotated[int, typer.Option(help="How many times the real corpus (papers, claims, every layer).")],
    out: Annotated[Path, typer.Option(help="The data directory to write (replaced if it exists).")],
    data_dir: DataDir = settings.data_dir,
) -> None:
    """Write a synthetic corpus N times the real one, for scale tests (see app/dataset/synth.py)."""
    from app.dataset.synth import synthesize

    if scale < 1:
        typer.echo("--scale must be at least 1", err=True)
        raise typer.Exit(2)
    synthesize(data_dir, out, scale)
    typer.echo(f"wrote a synthetic corpus {scale}× the real one to {out}; `argmap validate --data-dir {out}` checks it")


@cli.command("new-paper")
def new_paper(
    key: Annotated[str, typer.Argument(help="The new paper's key, a slug such as zhang-wang.")],
    source: Annotated[Path, typer.Option("--source", help="The paper's text (UTF-8), copied to sources/<key>.txt.")],
    data_dir: DataDir = settings.data_dir,
) -> None:
    """Scaffold a new paper's data files from its text, check them, and print the next steps."""
    from app.dataset.loader import LoadError, read_dataset
    from app.dataset.scaffold import ScaffoldError, next_steps, scaffold_paper

    try:
        made = scaffold_paper(data_dir, key, source)
    except ScaffoldError as error:
        typer.echo(f"not created: {error}", err=True)
        raise typer.Exit(1) from None
    try:
        read_dataset(data_dir)
    except LoadError as error:  # the data must stay valid: take the new files out again
        for path in made.files:
            path.unlink(missing_ok=True)
        for folder in (made.claims.parent, made.paper.parent):
            folder.rmdir()
        typer.echo(f"{error}\nnot created: the data do not validate with the new paper (problems above).", err=True)
        raise typer.Exit(1) from None
    for path in made.files:
        typer.echo(f"created {path}")
    typer.echo(f"`argmap validate`: the data are valid with {key}.")
    typer.echo(next_steps(data_dir, key))


def main() -> None:
    cli()
