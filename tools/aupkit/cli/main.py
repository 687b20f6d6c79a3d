"""The ``aup`` group and the one place where core errors become messages and exit codes."""

from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import EXIT_USAGE, AupError
from .project import Project


class AupGroup(click.Group):
    """Turns ``AupError`` into ``aup: error: ...`` and its exit code; a command's int result is its exit code.

    Anything else is a bug and keeps its traceback. Commands are imported when first
    used (click's lazy group pattern), so ``aup lint`` does not import MkDocs.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}  # command name -> module in aupkit.cli exposing ``command``

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module = importlib.import_module(f"{__package__}.{self.lazy_commands[cmd_name]}")
            self.add_command(module.command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
        except AupError as error:
            click.secho(f"aup: error: {error.message}", err=True, fg="red")
            for detail in error.details:
                click.echo(detail, err=True)
            ctx.exit(error.exit_code)
        except click.UsageError as error:
            error.exit_code = EXIT_USAGE
            raise
        if isinstance(result, int) and result:
            ctx.exit(result)
        return result


@click.group(cls=AupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="aup")
@click.option(
    "--project",
    "-C",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the manual repository (default: found from the current folder upwards).",
)
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """aup: write, check, publish and present your acceptable-use policy manual.

    Exit codes: 0 fine, 1 findings, 2 usage error, 3 project or configuration error.
    """
    ctx.obj = Project(project)


def _register() -> None:
    modules = (
        "ack",
        "announce",
        "build",
        "check",
        "doctor",
        "feedback",
        "init",
        "lint",
        "pdf",
        "review",
        "serve",
        "slides",
        "status",
    )
    cli.lazy_commands = {module: module for module in modules}  # each module's command has the module's name


_register()


def main() -> None:
    """The ``aup`` command: ``cli`` with a console that never stops on a character it cannot show."""
    for stream in (sys.stdout, sys.stderr):
        # A Windows console or pipe in cp1252 (or any legacy code page) cannot encode every character a
        # page, a path or a message may hold: show those as '?' instead of stopping with a traceback.
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="replace")
    cli()
