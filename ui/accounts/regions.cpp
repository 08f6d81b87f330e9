#include "regions.h"

namespace thaw::ui {

QStringList knownRegions()
{
    // https://docs.aws.amazon.com/general/latest/gr/glacier-service.html
    return {QStringLiteral("us-east-1"),      QStringLiteral("us-east-2"),
            QStringLiteral("us-west-1"),      QStringLiteral("us-west-2"),
            QStringLiteral("ca-central-1"),   QStringLiteral("eu-west-1"),
            QStringLiteral("eu-west-2"),      QStringLiteral("eu-west-3"),
            QStringLiteral("eu-central-1"),   QStringLiteral("eu-north-1"),
            QStringLiteral("eu-south-1"),     QStringLiteral("ap-northeast-1"),
            QStringLiteral("ap-northeast-2"), QStringLiteral("ap-northeast-3"),
            QStringLiteral("ap-southeast-1"), QStringLiteral("ap-southeast-2"),
            QStringLiteral("ap-south-1"),     QStringLiteral("ap-east-1"),
            QStringLiteral("sa-east-1"),      QStringLiteral("me-south-1"),
            QStringLiteral("af-south-1")};
}

} // namespace thaw::ui
