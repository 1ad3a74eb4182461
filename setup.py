"""The one part of the build pyproject.toml cannot declare: the column fit's compiled loop.

Optional: where no C compiler is at hand (a clerk's Windows machine), the build goes on without it
and pipeline/autofit.py runs the same loop in Python, choosing the same widths.
"""

import os

from setuptools import Extension, setup

# No fused multiply-add: the compiled loop must round every step as the Python does (pipeline/_widen.c).
flags = [] if os.name == "nt" else ["-O2", "-ffp-contract=off"]
setup(ext_modules=[Extension("pipeline._widen", ["pipeline/_widen.c"], optional=True, extra_compile_args=flags)])
