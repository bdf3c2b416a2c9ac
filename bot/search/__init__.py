"""Search: from typed text to the entry a question asks for, over an index built per load."""
