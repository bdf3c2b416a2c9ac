"""Answer quality for editors: golden enquiries, test-kb, generated corpora, gaps."""
