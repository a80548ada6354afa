"""Stand-in for the benchmark's framework.utils: like the real one it reads the command line when
imported, so the importer must hide its own arguments."""
import argparse

import pandas  # the real framework.utils imports pandas too

_args = argparse.ArgumentParser().parse_args()


def check_precision(outputs, outputs_new, max_abs_error, max_rel_error):
    return 1, None, None
