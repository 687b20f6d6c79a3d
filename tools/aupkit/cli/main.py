"""The ``aup`` group and the one place where core errors become messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..errors import EXIT_USAGE, AupError
from .project import Project


class AupGroup(click.Group):
    """Turns ``AupError`` into ``aup: error: ...`` and its exit code; a command's int result is its exit code.

    Anything else is a bug and keeps its traceback.
    """

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
    from . import announce, build, check, feedback, init, lint, serve, slides

    for module in (announce, build, check, feedback, init, lint, serve, slides):
        cli.add_command(module.command)


_register()
main = cli
