"""The theme's stylesheet, lighter: a rule goes only when no selector of it can match the site."""

from paris1944.sphinxext import stylesheets

CSS = """@charset "UTF-8";
/*! Bootstrap licence */
/* an ordinary comment */
:root{--x:1}
.used{color:red}
.unused{color:blue}
.unused,.used-too{margin:0}
.used .unused-child{padding:0}
a:not(.unused){text-decoration:none}
:is(.unused,.other) p{color:green}
[class*="highlight-"]{border:0}
.bs-tooltip-top{top:0}
.str[data-x="}{"]{content:"{"}
@media (min-width:960px){.unused{display:none}.used{display:block}}
@media print{.unused{display:none}}
@font-face{font-family:x;src:url(x.woff)}
@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}
"""
WORDS = stylesheets.used_words(['<p class="used used-too str">', 'el.classList.add("bs-tooltip-" + placement)'])


def test_a_rule_goes_only_when_every_selector_names_an_unused_class():
    out = stylesheets.purge(CSS, WORDS)
    assert ".used{color:red}" in out
    assert ".unused{color:blue}" not in out
    assert ".used-too{margin:0}" in out and ".unused,.used-too" not in out  # the dead selector of a list goes
    assert ".unused-child" not in out


def test_classes_inside_not_and_is_and_attribute_values_keep_their_rule():
    out = stylesheets.purge(CSS, WORDS)
    assert "a:not(.unused){text-decoration:none}" in out
    assert ":is(.unused,.other) p{color:green}" in out
    assert '[class*="highlight-"]{border:0}' in out
    assert '.str[data-x="}{"]{content:"{"}' in out


def test_a_class_a_script_builds_from_a_stem_is_kept():
    assert ".bs-tooltip-top{top:0}" in stylesheets.purge(CSS, WORDS)


def test_media_blocks_are_sifted_and_dropped_when_empty():
    out = stylesheets.purge(CSS, WORDS)
    assert "@media (min-width:960px){.used{display:block}}" in out
    assert "@media print" not in out


def test_licences_variables_fonts_and_keyframes_stay():
    out = stylesheets.purge(CSS, WORDS)
    assert out.startswith('@charset "UTF-8";/*! Bootstrap licence */:root{--x:1}')
    assert "an ordinary comment" not in out
    assert "@font-face{font-family:x;src:url(x.woff)}" in out
    assert "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}" in out


def test_the_published_copy_is_made_from_the_theme_file_every_time(tmp_path):
    """A class a new page uses brings its rules back: the purge never starts from its own output."""
    source, published, site = tmp_path / "theme.css", tmp_path / "site" / "theme.css", tmp_path / "site"
    site.mkdir()
    source.write_text(".a{color:red}.b{color:blue}", encoding="utf-8")
    (site / "index.html").write_text('<p class="a">', encoding="utf-8")
    stylesheets.lighter(source, published, site)
    assert published.read_text(encoding="utf-8") == ".a{color:red}"
    (site / "new.html").write_text('<p class="b">', encoding="utf-8")
    stylesheets.lighter(source, published, site)
    assert published.read_text(encoding="utf-8") == ".a{color:red}.b{color:blue}"
