"""The one C extension; everything else is in pyproject.toml."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("monitor._sketch", ["monitor/_sketch.c"], extra_compile_args=["-O3"])])
