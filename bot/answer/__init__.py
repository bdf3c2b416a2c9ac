"""The answer: built from the search's decision and rendered for each front end."""
