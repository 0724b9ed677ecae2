"""delivery.charts: valid, accessible SVG with the expected bars for given data."""

import xml.etree.ElementTree as ET

import pytest

from delivery import charts

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 — our own output; raises on invalid XML


def segments(root, style=None):
    found = root.findall(".//svg:rect", NS)
    found = [r for r in found if "segment" in (r.get("class") or "").split()]
    if style:
        found = [r for r in found if f"segment-{style}" in r.get("class").split()]
    return found


def texts(root):
    return [t.text for t in root.findall(".//svg:text", NS)]


def assert_accessible_svg(root, chart_id):
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find("svg:title", NS).get("id") == f"{chart_id}-title"
    assert root.find("svg:desc", NS).get("id") == f"{chart_id}-desc"
    assert root.get("viewBox").startswith("0 0 640 ")
    assert "width" not in root.attrib
    assert "height" not in root.attrib
    assert "<script" not in ET.tostring(root, encoding="unicode")


def test_stacked_bar_chart__shares_per_month_with_labels_and_patterns():
    svg = charts.stacked_bar_chart(
        chart_id="c1",
        title="Etä & lähi <osuus>",
        desc="Kuvaus",
        categories=["1/2026", "2/2026", "3/2026"],
        series=[
            charts.Series("Paikan päällä", [3, 0, 1], "solid"),
            charts.Series("Etänä", [1, 0, 1], "hatch"),
        ],
    )
    root = parse(svg)
    assert_accessible_svg(root, "c1")
    assert root.find("svg:title", NS).text == "Etä & lähi <osuus>"  # escaped, round-trips
    solid, hatch = segments(root, "solid"), segments(root, "hatch")
    assert [r.get("data-value") for r in solid] == ["3", "1"]
    assert [r.get("data-value") for r in hatch] == ["1", "1"]
    # Each month is 100 %: 3 of 4 → 165 of 220 px, 1 of 4 → 55 px; 1 of 2 → 110 px.
    assert [float(r.get("height")) for r in solid] == [165, 110]
    assert [float(r.get("height")) for r in hatch] == [55, 110]
    assert all(r.get("stroke") == charts.INK for r in solid + hatch)  # outlined
    assert hatch[0].get("fill") == "url(#c1-hatch)"
    assert root.find(".//svg:pattern[@id='c1-hatch']", NS) is not None
    labels = texts(root)
    assert "75 %" in labels
    assert "25 %" in labels
    assert "50 %" in labels
    assert "–" in labels  # February: nothing to divide, no bar
    assert {"1/2026", "2/2026", "3/2026", "Paikan päällä", "Etänä"} <= set(labels)


def test_stacked_bar_chart__counts_scale_to_a_round_maximum():
    root = parse(
        charts.stacked_bar_chart(
            chart_id="c2",
            title="t",
            desc="d",
            categories=["a", "b"],
            series=[charts.Series("x", [30, 10]), charts.Series("y", [10, 0], "dots")],
            as_share=False,
        )
    )
    heights = [float(r.get("height")) for r in segments(root)]
    assert heights == [pytest.approx(30 / 40 * 220), pytest.approx(10 / 40 * 220), 55.0]
    assert "40" in texts(root)  # the axis maximum


@pytest.mark.parametrize(
    "series",
    [
        [],
        [charts.Series("x", [0, 0]), charts.Series("y", [None, 0])],
    ],
)
def test_stacked_bar_chart__empty_and_zero_data_say_so(series):
    root = parse(
        charts.stacked_bar_chart(
            chart_id="e",
            title="t",
            desc="d",
            categories=["a", "b"],
            series=series,
            no_data_text="Ei tietoja",
        )
    )
    assert_accessible_svg(root, "e")
    assert segments(root) == []
    assert "Ei tietoja" in texts(root)


def test_stacked_bar_chart__mismatched_series_is_an_error():
    with pytest.raises(ValueError, match="one value per category"):
        charts.stacked_bar_chart(
            chart_id="x", title="t", desc="d", categories=["a"], series=[charts.Series("s", [])]
        )


def test_bar_chart__one_bar_per_non_zero_value_with_its_value():
    root = parse(
        charts.bar_chart(
            chart_id="p",
            title="Osallistujat",
            desc="d",
            labels=["1/2026", "2/2026", "3/2026"],
            values=[4, 0, 2],
        )
    )
    assert_accessible_svg(root, "p")
    bars = segments(root)
    assert [b.get("data-value") for b in bars] == ["4", "2"]
    assert float(bars[0].get("height")) == pytest.approx(4 / 4 * 220)
    assert "0.5" not in texts(root)  # whole-number axis for counts
    values = [t.text for t in root.findall(".//svg:text[@class='value']", NS)]
    assert values == ["4", "0", "2"]


def test_bar_chart__no_data():
    for labels, values in (([], []), (["a"], [0])):
        root = parse(
            charts.bar_chart(
                chart_id="z",
                title="t",
                desc="d",
                labels=labels,
                values=values,
                no_data_text="Ei tietoja",
            )
        )
        assert segments(root) == []
        assert "Ei tietoja" in texts(root)


def test_horizontal_bar_chart__grouped_series_and_long_labels():
    root = parse(
        charts.horizontal_bar_chart(
            chart_id="o",
            title="Tulokset",
            desc="d",
            labels=["Avoimet työmarkkinat", "Muu (eläkkeelle siirtyminen tms. pitkä nimi)"],
            series=[
                charts.Series("Vahvistettu", [3, 1], "solid"),
                charts.Series("Odottaa", [0, 2], "dots"),
            ],
        )
    )
    assert_accessible_svg(root, "o")
    assert [r.get("data-value") for r in segments(root, "solid")] == ["3", "1"]
    assert [r.get("data-value") for r in segments(root, "dots")] == ["2"]
    widths = [float(r.get("width")) for r in segments(root)]
    assert widths[0] == pytest.approx(3 / 4 * (640 - 190 - 56))  # axis maximum 4
    categories = [g.get("data-category") for g in root.findall(".//svg:g[@class='bar']", NS)]
    assert categories[1] == "Muu (eläkkeelle siirtyminen tms. pitkä nimi)"
    assert any(t.endswith("…") for t in texts(root))  # shortened on the chart, whole in table


def test_horizontal_bar_chart__all_zero_is_no_data():
    root = parse(
        charts.horizontal_bar_chart(
            chart_id="o", title="t", desc="d", labels=["a"], series=[charts.Series("s", [0])]
        )
    )
    assert segments(root) == []
    assert "No data" in texts(root)


def test_chart_text_is_escaped():
    svg = charts.bar_chart(
        chart_id="q", title="</title><script>x</script>", desc='"&', labels=["<b>"], values=[1]
    )
    root = parse(svg)
    assert root.find("svg:title", NS).text == "</title><script>x</script>"
    assert root.find(".//svg:script", NS) is None


@pytest.mark.parametrize(
    ("value", "axis"),
    [(0, 4), (1, 4), (3, 4), (4, 4), (5, 8), (7, 8), (12, 12), (13, 16), (40, 40), (230, 240)],
)
def test_nice_max__four_whole_number_steps(value, axis):
    assert charts._nice_max(value) == axis
    assert (axis / 4).is_integer()
