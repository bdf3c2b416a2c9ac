"""Leads as operators read them: CSV that is safe to open in a spreadsheet, or plain text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from bot.personal_data import neutralise_controls, neutralise_csv_cell
from bot.storage.leads import DROPPED, NOT_AN_ADMIN
from bot.storage.records import Lead

CSV_COLUMNS = (
    "id",
    "created_at",
    "user_id",
    "language",
    "company",
    "industry",
    "investment",
    "zones",
    "contact_method",
    "contact_value",
    "notified",
)


def notice_summary(lead: Lead) -> str:
    """Say how many admins got the lead's notice, which were dropped, and the last error."""
    sent = sum(1 for n in lead.notifications if n.status == "sent")
    summary = f"{sent}/{len(lead.notifications)}"
    dropped = [str(n.admin_id) for n in lead.notifications if n.status == DROPPED]
    if dropped:
        summary += f" (dropped for {', '.join(dropped)}: {NOT_AN_ADMIN})"
    errors = [n.last_error for n in lead.notifications if n.status == "pending" and n.last_error]
    return f"{summary} (last error: {errors[-1]})" if errors else summary


def _cells(lead: Lead) -> list[str]:
    """Return a lead's values in CSV_COLUMNS order, as text, control characters replaced."""
    values = [
        str(lead.id),
        lead.created_at.isoformat(timespec="seconds"),
        str(lead.user_id),
        lead.language,
        lead.company,
        lead.industry,
        lead.investment,
        " ".join(lead.zones),
        lead.contact_method,
        lead.contact_value,
        notice_summary(lead),
    ]
    return [neutralise_controls(value) for value in values]


def leads_csv(leads: Sequence[Lead]) -> str:
    """Write leads as CSV with a header; cells a spreadsheet would run as formulas are defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise_csv_cell(cell) for cell in _cells(lead)] for lead in leads)
    return out.getvalue()


def format_leads(leads: Sequence[Lead]) -> str:
    """Write leads as plain text, one block per lead, newest first as given."""
    if not leads:
        return "No leads in this period."
    blocks = []
    for lead in leads:
        cells = dict(zip(CSV_COLUMNS, _cells(lead), strict=True))
        blocks.append(
            "\n".join(
                [
                    f"#{lead.id}  {lead.created_at:%Y-%m-%d %H:%M} UTC  user {lead.user_id}  "
                    f"[{cells['language']}]  notified {cells['notified']}",
                    f"    company:    {cells['company']}",
                    f"    industry:   {cells['industry']}",
                    f"    investment: {cells['investment']}",
                    f"    zones:      {cells['zones'].replace(' ', ', ')}",
                    f"    contact:    {cells['contact_method']} {cells['contact_value']}",
                ]
            )
        )
    return "\n\n".join(blocks)
