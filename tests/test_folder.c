/* test_folder.c - folder_names(): sorted, hidden entries skipped, the
 * suffix filter, an empty folder, a missing one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "folder.h"

static void touch(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL, "cannot create %s", path);
    if (f)
        fclose(f);
}

int main(void)
{
    char dir[] = "/tmp/sportello-folder-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    size_t count = 99;
    char **names = folder_names(dir, ".po", &count);
    CHECK(names != NULL && count == 0, "an empty folder gives no names (count %zu)", count);
    folder_names_free(names, count);

    const char *made[] = {"uk.po", "ar.po", ".ar.po.swp", ".hidden", "zh.po~",
                          "po",    ".po",   "README",     "it.po"};
    for (size_t i = 0; i < sizeof made / sizeof *made; i++)
        touch(dir, made[i]);
    names = folder_names(dir, ".po", &count);
    CHECK(names && count == 3, "three .po names, not %zu", count);
    if (names && count == 3)
        CHECK(!strcmp(names[0], "ar.po") && !strcmp(names[1], "it.po") &&
                  !strcmp(names[2], "uk.po"),
              "sorted: %s %s %s", names[0], names[1], names[2]);
    folder_names_free(names, count);

    names = folder_names(dir, NULL, &count);
    CHECK(names && count == 6, "every visible entry without a suffix: 6, not %zu", count);
    for (size_t i = 0; names && i < count; i++)
        CHECK(names[i][0] != '.', "hidden entry %s listed", names[i]);
    folder_names_free(names, count);

    char missing[4200];
    snprintf(missing, sizeof missing, "%s/nowhere", dir);
    errno = 0;
    names = folder_names(missing, NULL, &count);
    CHECK(names == NULL && count == 0 && errno == ENOENT, "a missing folder: NULL, ENOENT (%d)",
          errno);

    for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, made[i]);
        unlink(path);
    }
    rmdir(dir);
    return check_failures ? 1 : 0;
}
