"""`monitor serve`: the dashboard in the browser (monitor/web.py)."""

from __future__ import annotations

import ipaddress
import os

import click

from ..errors import InputError

MIN_TOKEN_LENGTH = 16  # shorter tokens can be guessed over a long night of tries


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep the loopback default behind a TLS proxy; the server speaks plain HTTP.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--secure-cookie", is_flag=True,
              help="Mark the session cookie Secure (set it when a TLS proxy serves the dashboard).")
@click.pass_obj
def serve(obj, host: str, port: int, secure_cookie: bool):
    """Serve the dashboard: coverage matrix, gap list, partnerships, and admin pages.

    Pages are in Russian; ?lang=be or ?lang=en in an address (or the BE and EN switches on every page)
    give Belarusian or English.

    Admins log in with the token in MONITOR_ADMIN_TOKEN (no token: nobody can log in). Sessions are
    signed with MONITOR_SECRET_KEY, or with a random key that ends them at every restart; logging
    out ends a session on the server. Requests naming a host other than the loopback names, the
    --host address and settings.toml's dashboard_hosts are refused.
    """
    import uvicorn

    from ..web import create_app

    token = os.environ.get("MONITOR_ADMIN_TOKEN") or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise InputError(f"MONITOR_ADMIN_TOKEN is shorter than {MIN_TOKEN_LENGTH} characters; "
                         "make one with `python -c 'import secrets; print(secrets.token_urlsafe(24))'`")
    # The names the dashboard answers to: the loopback ones, settings.toml's dashboard_hosts, and
    # the address it listens on when that is one address (not 0.0.0.0 or ::, which stand for all).
    hosts = obj.monitor.config.settings.dashboard_hosts
    if host not in ("0.0.0.0", "::", ""):
        hosts += (host.strip("[]").lower(),)
    app = create_app(obj.monitor, admin_token=token, secret_key=os.environ.get("MONITOR_SECRET_KEY"),
                     https_only=secure_cookie, hosts=hosts)
    try:
        public = not ipaddress.ip_address(host).is_loopback
    except ValueError:
        public = host != "localhost"
    if public and not secure_cookie:
        click.echo(f"warning: serving plain HTTP on {host}; put a TLS proxy in front and use --secure-cookie", err=True)
    if public and not obj.monitor.config.settings.dashboard_hosts:
        click.echo("warning: requests are answered only for the address the dashboard listens on and the loopback "
                   "names; list the names people reach it by in settings.toml dashboard_hosts", err=True)
    if token is None:
        click.echo("Admin login is off: set MONITOR_ADMIN_TOKEN to manage feeds and the catalogue.", err=True)
    click.echo(f"Dashboard on http://{host}:{port}/  (Ctrl-C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
