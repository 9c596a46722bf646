// Files compiled into a binary by cmake/Embed.cmake (SQL migrations, the OpenAPI document).
#pragma once

#include <cstddef>
#include <string_view>

namespace recarga::common {

struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

} // namespace recarga::common
