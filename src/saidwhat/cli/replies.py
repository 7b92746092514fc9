"""``saidwhat replies`` (moderation settings, purge) and ``saidwhat export-gold``."""

from __future__ import annotations

from typing import Any

import click

from .common import cli, db_option, friendly, with_settings


@cli.group()
def replies() -> None:
    """Readers' replies: moderation modes and words, and purging a person's data."""


@replies.command("purge")
@click.option("--email", required=True, help="The email address whose replies and data are deleted.")
@db_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_settings
@friendly
def purge(settings: Any, email: str, yes: bool) -> None:
    """Delete one person's replies, the moderators' answers to them, their reports, their
    corrections not applied, and their email. Applied corrections stay applied."""
    from ..store import open_store
    from ..store.replies import Replies, normal_email

    address = normal_email(email)
    if not yes:
        click.confirm("Delete every reply of this email address, for good?", abort=True)
    with open_store(settings.db) as store:
        done = Replies(store).purge(address)
    if not done["posters"]:
        click.echo("no replies from that address; nothing deleted")
        return
    click.echo(
        f"deleted {done['replies']} repl{'y' if done['replies'] == 1 else 'ies'}, {done['answers']} "
        f"moderator answer{'' if done['answers'] == 1 else 's'} and {done['corrections']} proposed "
        f"correction{'' if done['corrections'] == 1 else 's'}, and the address"
    )


@replies.command("mode")
@click.argument("mode", type=click.Choice(["all", "first", "none"]), required=False)
@click.option("--site", default=None, help="The site it applies to (default: every site without its own).")
@db_option
@with_settings
@friendly
def mode(settings: Any, mode: str | None, site: str | None) -> None:
    """Show or set how replies are moderated: all (hold every reply), first (hold a new
    email's first reply), none (publish at once; the automatic holds still apply)."""
    from ..store import open_store
    from ..store.replies import Replies

    with open_store(settings.db, readonly=mode is None) as store:
        desk = Replies(store)
        if mode is not None:
            desk.holds.set_mode(mode, site)
        modes = desk.holds.modes()
    click.echo(f"every site: {modes.get('', settings.reply_moderation)}")
    for key, value in modes.items():
        if key:
            click.echo(f"{key}: {value}")


@replies.command("words")
@click.option("--add", "added", multiple=True, help="A word (or phrase) that holds a reply; repeatable.")
@click.option("--remove", "removed", multiple=True, help="A word to take off the list; repeatable.")
@db_option
@with_settings
@friendly
def words(settings: Any, added: tuple[str, ...], removed: tuple[str, ...]) -> None:
    """Show, add or remove the words that hold a reply for a moderator (whole words,
    case and accents aside)."""
    from ..store import open_store
    from ..store.replies import Replies

    with open_store(settings.db, readonly=not (added or removed)) as store:
        desk = Replies(store)
        if added or removed:
            desk.holds.set_words(list(added), list(removed))
        found = desk.holds.words()
    click.echo("\n".join(found) if found else "no words: nothing is held for its words")


@cli.command("export-gold")
@db_option
@click.argument("directory", type=click.Path(file_okay=False))
@with_settings
@friendly
def export_gold(settings: Any, directory: str) -> None:
    """Write the articles moderators corrected as brat gold in DIRECTORY (text/,
    attributions/, metadata.tsv), to score the extractor with 'saidwhat evaluate --gold'."""
    from ..gold import export_gold as run_export
    from ..store import open_store

    with open_store(settings.db, readonly=True) as store:
        done = run_export(store, directory)
    click.echo(
        f"wrote {done.articles} corrected article{'' if done.articles == 1 else 's'} "
        f"({done.attributions} statements) to {directory}"
        + ("" if done.articles else " (no correction has been applied yet)")
    )
