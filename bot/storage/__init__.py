"""Storage: the database, its tables and migrations, and the store the bot talks to."""
