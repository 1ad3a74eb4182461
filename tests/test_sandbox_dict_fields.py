"""`row.number` of a context dict is read as the item, first: the same answers as Jinja's sandbox gives.

The sandbox tries the attribute, fails and then takes the item; the renderer looks the item up
first, which is the same as long as a dict's own attributes (its methods) still take the sandbox's
path. These pin that they do, for our templates and a user's alike.
"""

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from pipeline.render import _jinja_env


@pytest.fixture(params=[False, True], ids=["ours", "a user's"])
def env(request):
    env = _jinja_env()
    env.start_render(bounded=request.param)
    return env


def render(env, source: str, **context) -> str:
    return env.from_string(source).render(context)


def test_a_field_of_a_row_is_its_item(env):
    assert render(env, "{{ row.number }}. {{ row.lead }}", row={"number": "1", "lead": "Văn phòng"}) == "1. Văn phòng"


def test_a_key_named_like_a_dict_method_still_gives_the_method(env):
    assert render(env, "{{ d.keys()|list }}", d={"keys": "khóa"}) == "[&#39;keys&#39;]"


def test_a_method_that_changes_the_dict_is_still_refused(env):
    with pytest.raises(SecurityError):
        render(env, "{{ d.pop('a') }}", d={"a": "1", "pop": "x"})


def test_a_missing_field_is_still_an_error(env):
    with pytest.raises(UndefinedError, match="no attribute 'ten'"):
        render(env, "{{ row.ten }}", row={"number": "1"})


def test_a_private_name_is_an_item_as_before(env):
    # Jinja's sandbox checks only attributes it found; an item is data whatever its name.
    assert render(env, "{{ row._hidden }}", row={"_hidden": "x"}) == "x"


def test_a_dict_subclass_keeps_the_sandboxs_order(env):
    class Row(dict):
        number = "attribute"

    assert render(env, "{{ row.number }}", row=Row(number="item")) == "attribute"
