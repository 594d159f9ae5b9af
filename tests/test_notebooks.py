"""The hidden-test delimiters are parsed one way everywhere (release checks, feedback, stats)."""

from autograder.notebooks import remove_hidden_tests, split_hidden_tests

CELL = '''"""f: values"""
check(f(1))
### BEGIN HIDDEN TESTS
secret(1)
### END HIDDEN TESTS
check(f(2))
### BEGIN HIDDEN TESTS
secret(2)
### END HIDDEN TESTS
passed("f")'''


def test_split_separates_every_hidden_region():
    visible, hidden = split_hidden_tests(CELL)
    assert visible == '"""f: values"""\ncheck(f(1))\ncheck(f(2))\npassed("f")'
    assert hidden == "secret(1)\nsecret(2)"


def test_remove_keeps_the_visible_part_only():
    assert remove_hidden_tests(CELL) == split_hidden_tests(CELL)[0]
    assert "secret" not in remove_hidden_tests(CELL)
    assert remove_hidden_tests("no hidden part") == "no hidden part"
