"""What the load-test generators share: made-up ids written by the database itself, and
running SQL through the sqlite3 or psql command line."""
import subprocess


def uid(dialect, kind, expr):
    """A UUID made from a row number `expr` and a table `kind`, as Onramp stores UUIDs:
    upper-case text on SQLite, the uuid type on PostgreSQL."""
    if dialect == "sqlite":
        return f"printf('%08X-0000-4000-8000-%012X', {expr}, {kind})"
    return f"(lpad(to_hex({expr}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex({kind}), 12, '0'))::uuid"


def run_sql(dialect, target, sql):
    """Runs `sql` against a SQLite file or a PostgreSQL URL, stopping at the first error."""
    command = ["sqlite3", target] if dialect == "sqlite" else ["psql", "-q", "-v", "ON_ERROR_STOP=1", target]
    subprocess.run(command, input=sql, text=True, check=True, stdout=subprocess.DEVNULL)
