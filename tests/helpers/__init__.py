"""What the tests share: the Bot API stand-in, running bots, knowledge-base copies and edits."""
