"""Leads: the contact form's steps, the export for operators, the notices to admins."""
