"""The C extensions; everything else is in pyproject.toml."""
import lxml
from setuptools import Extension, setup

setup(ext_modules=[
    Extension("monitor._sketch", ["monitor/_sketch.c"], extra_compile_args=["-O3"]),
    # Reads lxml's tree through lxml's public C API (its headers ship with it).
    Extension("monitor._textwalk", ["monitor/_textwalk.c"], include_dirs=lxml.get_include(),
              extra_compile_args=["-O3"]),
])
