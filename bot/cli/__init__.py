"""The `zonebot` command line: one subcommand per job, each returning an exit code."""
