"""The small public API stays small and importable."""

import saidwhat


def test_all_names_exist_and_are_exported():
    assert sorted(saidwhat.__all__) == sorted(set(saidwhat.__all__))
    for name in saidwhat.__all__:
        assert hasattr(saidwhat, name), name


def test_every_cli_command_has_help():
    from click.testing import CliRunner

    from saidwhat.cli import cli

    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help, f"{name} has no help text"
