/* Holds a review's write lock for a while, as an import in progress
 * does, for tests/cli/concurrency.sh:  hold_lock DB SECONDS
 * Prints "held" once it has the lock. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    sqlite3 *db;
    if (argc != 3 || sqlite3_open(argv[1], &db) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "hold_lock: cannot take the write lock\n");
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    sleep((unsigned)atoi(argv[2]));
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}
