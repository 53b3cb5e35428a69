"""Bar charts: how long each source is, what it claims, and how its claims fared."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...evidence import sources
from .. import style
from .. import words as w
from ..book import Book
from ..figures import Chart
from . import DATA_SOURCES, TEXTS, labelled_bars, legend_rows, thousands, touch_friendly


def _rows_height(n: int, per_row: int) -> int:
    return n * per_row


# ------------------------------------------------------------------ how long each source is
def language_colour(mode, language_name: str) -> str:
    """A language's colour; one the style has none for (a source added in French, say) is drawn in its muted grey."""
    return mode.colours.get(language_name, mode.muted)


def source_lengths(book: Book) -> Chart:
    data = sources.profile(book.data_dir).sort_values("characters", ascending=False, kind="stable")
    data = data[["source_id", "label", "language_name", "characters", "words"]].reset_index(drop=True)
    data["label"] = data["label"].map(w.sentence)
    longest, shortest = data.iloc[0], data.iloc[-1]
    ratio = longest["characters"] / shortest["characters"]
    title = f"{w.sentence(w.the(book.label[longest['source_id']]))} is the longest source, {ratio:.1f} times as long as the shortest"

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        colours = [language_colour(mode, x) for x in d["language_name"]]
        ys = labelled_bars(ax, [f"{r.label} ({r.language_name})" for r in d.itertuples()], d["characters"], [0] * len(d), colours, mode)
        for y, value in zip(ys, d["characters"]):
            ax.text(value, y, f" {value:,}", va="center", fontsize=style.points(style.TYPE["label"]), color=mode.text)
        ax.set_xlim(0, d["characters"].max() * (1.22 if width.name == "wide" else 1.4))
        ax.xaxis.set_major_formatter(FuncFormatter(thousands))
        ax.xaxis.set_major_locator(MaxNLocator(4 if width.name == "narrow" else 6))
        ax.set_xlabel("Characters")

    def interactive(d, mode):
        fig = go.Figure(layout=style.plotly_layout(mode))
        for lang in dict.fromkeys(d["language_name"]):
            sub = d[d["language_name"] == lang]
            fig.add_bar(x=sub["characters"], y=sub["label"], orientation="h", name=lang, marker_color=language_colour(mode, lang),
                        customdata=sub[["words"]],
                        hovertemplate="%{y}<br>%{x:,} characters, %{customdata[0]:,} words<extra></extra>")
        fig.update_layout(xaxis_title="Characters", barmode="overlay", yaxis=dict(categoryorder="array", categoryarray=list(d["label"])[::-1]))
        return touch_friendly(fig, title, 44 * len(d))

    return Chart(
        name="fig-source-length",
        page="notebooks/01-sources",
        title=title,
        subtitle="Length of each source text in characters, by language",
        caption="Length of each source text, in characters, coloured by language.",
        alt=f"Horizontal bar chart of the length of the {w.number_word(len(data))} source texts in characters: "
        + "; ".join(f"{r.label} ({r.language_name}) {r.characters:,}" for r in data.itertuples()) + ".",
        sources=[TEXTS, {"title": "the source registry", "url": "data/sources.csv"}],
        data=data,
        static=static,
        height=lambda width: len(data) * (52 if width.name == "wide" else 56) + 40,
        interactive=interactive,
    )


# ------------------------------------------------------------------ what each source claims
def claims_by_family(book: Book) -> pd.DataFrame:
    """Claims per source and family of category (dates, figures, who acted, places), every pair present."""
    families = book.vocabulary.families()
    c = book.claims.assign(source=book.claims["source_id"].map(lambda s: w.sentence(book.label[s])),
                           family=book.claims["category"].map(lambda x: book.vocabulary.categories[x].family))
    order = [w.sentence(book.label[s]) for s in book.registry["source_id"]]
    table = c.groupby(["source", "family"]).size().unstack(fill_value=0).reindex(index=order, columns=families, fill_value=0)
    return table.rename_axis(index="source", columns="family").reset_index().melt(id_vars="source", var_name="family", value_name="claims")


def coverage(book: Book) -> Chart:
    data = claims_by_family(book)
    families = book.vocabulary.families()
    order = list(dict.fromkeys(data["source"]))
    totals = data.groupby("source")["claims"].sum().reindex(order)
    most, least = totals.idxmax(), totals.idxmin()
    name = {w.sentence(book.label[s]): book.label[s] for s in book.registry["source_id"]}  # the one name, as in a sentence
    title = f"{w.sentence(w.the(name[most]))} makes the most claims ({totals.max()}), {w.the(name[least])} the fewest ({totals.min()})"

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        pivot = d.pivot(index="source", columns="family", values="claims").reindex(index=order, columns=families).fillna(0)
        ys = np.arange(len(order))[::-1] * 1.0
        left = np.zeros(len(order))
        for fam in families:
            ax.barh(ys, pivot[fam].to_numpy(), left=left, height=0.42, color=mode.colour(fam), edgecolor=mode.background, lw=0.8)
            left += pivot[fam].to_numpy()
        for y, label, total in zip(ys, order, left):
            ax.text(0, y + 0.3, label, fontsize=style.points(style.TYPE["label"]), va="bottom", color=mode.text)
            ax.text(total, y, f" {int(total)}", va="center", fontsize=style.points(style.TYPE["label"]), color=mode.text)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-0.5, len(order) - 0.1)
        ax.set_xlim(0, left.max() * 1.15)
        ax.set_xlabel("Claims in the ledger")
        handles = [Line2D([], [], color=mode.colour(f), lw=8, label=f) for f in families]
        ax.legend(
            handles=handles,
            ncol=4 if width.name == "wide" else 2,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1.02),
            handlelength=1.2,
            columnspacing=1.2,
        )

    def interactive(d, mode):
        fig = go.Figure(layout=style.plotly_layout(mode))
        for fam in families:
            sub = d[d["family"] == fam]
            fig.add_bar(y=sub["source"], x=sub["claims"], name=fam, orientation="h", marker_color=mode.colour(fam),
                        hovertemplate="%{y}: %{x} claims (" + fam.lower() + ")<extra></extra>")
        fig.update_layout(barmode="stack", xaxis_title="Claims in the ledger", yaxis=dict(categoryorder="array", categoryarray=order[::-1]))
        return touch_friendly(fig, title, 44 * len(order))

    return Chart(
        name="fig-coverage",
        page="notebooks/01-sources",
        title=title,
        subtitle="Claims in the ledger per source: dates, figures, who acted (took part, commanded, ordered or asked) and places",
        caption="Claims in the ledger per source, by kind: dates; figures (troops, casualties, distances, other counts, shares); "
        "who took part, commanded, ordered or asked; places taken or aimed at.",
        alt="Stacked bar chart of the number of claims per source by kind: " + "; ".join(f"{s} {int(totals[s])} claims" for s in order) + ".",
        sources=[TEXTS, {"title": "the claims ledger", "url": "data/claims.csv"}],
        data=data,
        static=static,
        height=lambda width: len(order) * 56 + (70 if width.name == "narrow" else 50),
        interactive=interactive,
    )


# ------------------------------------------------------------------ how each source's claims fared
def outcomes_by_source(book: Book, verdicts: pd.DataFrame) -> pd.DataFrame:
    """For each source, its claims by outcome (statuses.csv order), every pair present."""
    statuses = list(book.vocabulary.statuses)
    c = book.claims.merge(verdicts[["claim_id", "outcome"]], on="claim_id")
    c["source"] = c["source_id"].map(lambda s: w.sentence(book.label[s]))
    order = [w.sentence(book.label[s]) for s in book.registry["source_id"]]
    table = c.groupby(["source", "outcome"]).size().unstack(fill_value=0).reindex(index=order, columns=statuses, fill_value=0)
    return table.rename_axis(index="source", columns="outcome").reset_index().melt(id_vars="source", var_name="outcome", value_name="claims")


def outcomes(book: Book, verdicts: pd.DataFrame, title: str) -> Chart:
    """For each source, its claims by what the comparison found and the review decided."""
    data = outcomes_by_source(book, verdicts)
    statuses = list(book.vocabulary.statuses)
    short = {s: book.vocabulary.statuses[s].short for s in statuses}
    order = list(dict.fromkeys(data["source"]))

    def static(fig, d, mode, width, box):
        ax = box.constrained(fig).add_subplot()
        pivot = d.pivot(index="source", columns="outcome", values="claims").reindex(index=order, columns=statuses)
        ys = np.arange(len(order))[::-1] * 1.0
        left = np.zeros(len(order))
        for status in statuses:
            vals = pivot[status].to_numpy()
            ax.barh(ys, vals, left=left, height=0.42, color=mode.colour(status), edgecolor=mode.background, lw=0.8)
            left += vals
        for y, src, total in zip(ys, order, left):
            ax.text(0, y + 0.3, src, fontsize=style.points(style.TYPE["label"]), va="bottom", color=mode.text)
            ax.text(total, y, f" {int(total)}", va="center", fontsize=style.points(style.TYPE["label"]), color=mode.text)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-0.5, len(order) - 0.1)
        ax.set_xlim(0, left.max() * 1.12)
        ax.set_xlabel("Claims")
        handles = [Line2D([], [], color=mode.colour(s), lw=8, label=short[s]) for s in statuses]
        ax.legend(handles=handles, ncol=3 if width.name == "wide" else 2, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.02), handlelength=1.2)

    def interactive(d, mode):
        fig = go.Figure(layout=style.plotly_layout(mode))
        for status in statuses:
            sub = d[d["outcome"] == status]
            fig.add_bar(y=sub["source"], x=sub["claims"], orientation="h", name=short[status], marker_color=mode.colour(status),
                        hovertemplate="%{y}: %{x} claims, " + book.vocabulary.words(status) + "<extra></extra>")
        fig.update_layout(barmode="stack", xaxis_title="Claims", yaxis=dict(categoryorder="array", categoryarray=order[::-1]))
        return touch_friendly(fig, title, 48 * len(order))

    counts = data.pivot(index="source", columns="outcome", values="claims")
    alt = "Stacked bars, one per source, of its claims by outcome: " + "; ".join(
        f"{s}: " + ", ".join(f"{int(counts.loc[s, x])} {short[x]}" for x in statuses) for s in order) + "."
    return Chart(
        name="fig-outcomes",
        page="notebooks/05-findings",
        title=title,
        subtitle="Each source's claims by outcome, as the key shows (default conventions)",
        caption="Claims of each source by outcome under the default conventions. "
        + " ".join(f"{w.sentence(short[s])}: {book.vocabulary.statuses[s].description}" for s in statuses),
        alt=alt,
        sources=DATA_SOURCES,
        data=data,
        static=static,
        interactive=interactive,
        height=lambda width: len(order) * 58 + legend_rows(len(statuses), 3 if width.name == "wide" else 2) * 22 + 40,
    )
