"""PostgreSQL for the test suite: Django's backend, with a flush that deletes the rows instead of truncating the tables.

A test that commits (transactional_db, live_server) is followed by a flush of every table. TRUNCATE gives each of the
forty tables a new file: some 0.13 s a flush; DELETE of the few rows a test leaves takes a hundredth of that. Django's
foreign keys are deferred, so the rows go in any order within the flush's one transaction. Everything else is the
stock backend, and production uses the stock backend itself."""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # the table names are Django's own, quoted
        return ["SET CONSTRAINTS ALL DEFERRED", *(f"DELETE FROM {self.quote_name(table)}" for table in tables)]  # noqa: S608


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
