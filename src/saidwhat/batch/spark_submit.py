"""The application file for ``spark-submit``: ``saidwhat spark`` with its arguments.

    spark-submit --master yarn --py-files saidwhat-0.1.0-py3-none-any.whl \
        "$(python -c 'import saidwhat.batch.spark_submit as m; print(m.__file__)')" \
        s3a://bucket/crawl/ --output s3a://bucket/quotes/

Absolute imports only: spark-submit runs this file as a script.
"""

import sys

from saidwhat.cli import main

if __name__ == "__main__":
    sys.argv[1:1] = ["spark"]
    main()
