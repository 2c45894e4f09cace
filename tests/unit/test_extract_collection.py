"""Extraction pauses the cyclic garbage collector for an article and leaves it as it found it."""

import gc

import pytest

from pipeline.extract import extract_events
from pipeline.extract.collection import collection_paused

pytestmark = pytest.mark.unit

TEXT = "Rebels shelled the town of Kafr Nabl in Idlib province on Monday, killing three civilians."


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_nested_pauses_resume_the_collector_once_at_the_end(collector_on):
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()        # the outer pause still holds
    assert gc.isenabled()


def test_a_pause_resumes_after_an_error(collector_on):
    with pytest.raises(ValueError):
        with collection_paused():
            raise ValueError("bad article")
    assert gc.isenabled()


def test_extraction_leaves_the_collector_as_it_found_it(collector_on):
    assert extract_events(TEXT, "2016-07-04")
    assert gc.isenabled()
    gc.disable()
    try:
        assert extract_events(TEXT, "2016-07-04")
        assert not gc.isenabled()        # an application that turned it off keeps it off
    finally:
        gc.enable()
