"""HTML for Jupyter: matches, lists of matches and security matches as readable tables.

Jupyter calls an object's ``_repr_html_``; :class:`~screening.interfaces.screener.Match`,
the list ``match`` returns, :class:`~screening.scoring.explain.Explanation` and the
security matches define it with the functions here. The words of the listed name that
matched are highlighted (``<mark>``); points are green when they add, red when they
remove. ``screen`` returns an ordinary DataFrame, which Jupyter already shows as a table.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from screening.scoring.explain import _STYLE, explanation_html, highlight, points_html

if TYPE_CHECKING:  # pragma: no cover
    from screening.interfaces.screener import Match
    from screening.interfaces.securities import SecurityMatch

esc = html.escape


def _factors_cell(explanation) -> str:
    return "<br>".join(f"{esc(f.name)} {points_html(f.points)}" for f in explanation.factors)


def match_html(match: "Match") -> str:
    """One match: who it is, then the whole explanation."""
    e = match.explain()
    head = (f'<div class="screening-x"><table><tr><th>entity</th><td>{esc(match.entity_id)} '
            f'<small>({esc(match.entity.schema.value)}, {esc(match.source)})</small></td></tr>'
            f"<tr><th>programs</th><td>{esc('; '.join(match.programs)) or '<i>none</i>'}</td></tr></table></div>")
    return _STYLE + head + explanation_html(e, style=False)


def matches_html(matches: Sequence["Match"], query: str | None = None) -> str:
    """A list of matches as one table, best first."""
    if not matches:
        return f"<p><i>no match{' for ' + esc(repr(query)) if query else ''}</i></p>"
    parts = [_STYLE, '<div class="screening-x">']
    if query:
        parts.append(f"<p>matches for <b>{esc(query)}</b></p>")
    parts.append("<table><tr><th>#</th><th>score</th><th>entity</th><th>listed name</th><th>matched name</th>"
                 "<th>programs</th><th>name score</th><th>factors</th></tr>")
    for rank, m in enumerate(matches, start=1):
        e = m.explain()
        matched = (highlight(m.matched_name, e.matched_listed_tokens)
                   + f" <small>({esc(m.name_kind)})</small>") if m.matched_name != m.listed_name else ""
        listed = highlight(m.listed_name, e.matched_listed_tokens) if not matched else esc(m.listed_name)
        parts.append(f"<tr><td>{rank}</td><td><b>{m.score:.1f}</b></td><td>{esc(m.entity_id)}</td>"
                     f"<td>{listed}</td><td>{matched}</td><td>{esc('; '.join(m.programs))}</td>"
                     f"<td>{m.name_score:.1f}</td><td>{_factors_cell(e)}</td></tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _date(value) -> str:
    return value.isoformat() if value else "<i>not given</i>"


def security_rows(sm: "SecurityMatch") -> str:
    on = set(sm.matched_on)
    isins = ", ".join(f"<mark>{esc(i)}</mark>" if i == sm.isin else esc(i) for i in sm.listed_isins)
    tickers = ", ".join(f"<mark>{esc(t)}</mark>" if t in sm.tickers else esc(t) for t in sm.listed_tickers)
    issuer = ""
    if sm.issuer is not None:
        e = sm.issuer.explain()
        issuer = f"{highlight(sm.issuer.matched_name, e.matched_listed_tokens)} ({sm.issuer.score:.1f})"
    return "".join([
        f"<tr><td><b>{sm.score:.1f}</b></td><td>{esc(sm.entity_id)}</td><td>{esc(sm.listed_name)}</td>",
        f"<td>{esc(', '.join(sm.matched_on))}</td>",
        f"<td>{isins if 'isin' in on else esc(', '.join(sm.listed_isins[:3]) + (' ...' if len(sm.listed_isins) > 3 else ''))}</td>",
        f"<td>{tickers if 'ticker' in on else esc(', '.join(sm.listed_tickers[:3]) + (' ...' if len(sm.listed_tickers) > 3 else ''))}</td>",
        f"<td>{issuer}</td><td>{esc('; '.join(sm.programs))}</td>",
        f"<td>{_date(sm.listing_date)}</td><td>{_date(sm.effective_date)}</td><td>{_date(sm.divestment_date)}</td>",
        f"<td>{'<br>'.join(esc(n) for n in sm.notes)}</td></tr>",
    ])


_SECURITY_HEAD = ("<table><tr><th>score</th><th>entity</th><th>listed name</th><th>matched on</th><th>ISINs</th>"
                  "<th>tickers</th><th>issuer name match</th><th>programs</th><th>listed</th><th>effective</th>"
                  "<th>divestment by</th><th>notes</th></tr>")


def securities_html(matches: Sequence["SecurityMatch"]) -> str:
    if not matches:
        return "<p><i>no NS-CMIC entity matches this security</i></p>"
    return (_STYLE + '<div class="screening-x">' + _SECURITY_HEAD + "".join(security_rows(m) for m in matches)
            + "</table></div>")


__all__ = ["match_html", "matches_html", "securities_html"]
