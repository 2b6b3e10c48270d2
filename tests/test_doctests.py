"""Run the examples in the package's docstrings, so the documentation cannot drift from the code."""

import doctest
import importlib
import pkgutil

import pytest

import screening

MODULES = sorted(m.name for m in pkgutil.walk_packages(screening.__path__, "screening."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.failed == 0
